using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Ebpf.Core.Isa;

namespace Ebpf.Runtime.Interpretation;

/// <summary>
/// The exact results of arithmetic instructions (RFC 9669 section 4.1): the reference every engine matches.
/// </summary>
/// <remarks>
/// Division by zero gives 0 and modulo by zero leaves the dividend; <c>MIN / -1</c> wraps to MIN and
/// <c>MIN % -1</c> is 0 instead of trapping; shift amounts are masked to the width; 32-bit results are
/// zero-extended to 64 bits.
/// </remarks>
public static class Arithmetic
{
    /// <summary>The result of a 64-bit operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Evaluate64(Operation operation, ulong dst, ulong src, int width = 64) => operation switch
    {
        Operation.Add => dst + src,
        Operation.Sub => dst - src,
        Operation.Mul => dst * src,
        Operation.Div => src == 0 ? 0 : dst / src,
        Operation.SDiv => (ulong)SignedDivide((long)dst, (long)src),
        Operation.Or => dst | src,
        Operation.And => dst & src,
        Operation.Lsh => dst << (int)(src & 63),
        Operation.Rsh => dst >> (int)(src & 63),
        Operation.Neg => (ulong)-(long)dst,
        Operation.Mod => src == 0 ? dst : dst % src,
        Operation.SMod => (ulong)SignedRemainder((long)dst, (long)src),
        Operation.Xor => dst ^ src,
        Operation.Mov => src,
        Operation.MovSx => (ulong)SignExtend(src, width),
        Operation.Arsh => (ulong)((long)dst >> (int)(src & 63)),
        Operation.ToLittleEndian => Truncate(dst, width),
        Operation.ToBigEndian or Operation.ByteSwap => Swap(dst, width),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an arithmetic operation."),
    };

    /// <summary>The result of a 32-bit operation, zero-extended to 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Evaluate32(Operation operation, uint dst, uint src, int width = 32) => operation switch
    {
        Operation.Add => dst + src,
        Operation.Sub => dst - src,
        Operation.Mul => dst * src,
        Operation.Div => src == 0 ? 0 : dst / src,
        Operation.SDiv => (uint)SignedDivide((int)dst, (int)src),
        Operation.Or => dst | src,
        Operation.And => dst & src,
        Operation.Lsh => dst << (int)(src & 31),
        Operation.Rsh => dst >> (int)(src & 31),
        Operation.Neg => (uint)-(int)dst,
        Operation.Mod => src == 0 ? dst : dst % src,
        Operation.SMod => (uint)SignedRemainder((int)dst, (int)src),
        Operation.Xor => dst ^ src,
        Operation.Mov => src,
        Operation.MovSx => (uint)(int)SignExtend(src, width),
        Operation.Arsh => (uint)((int)dst >> (int)(src & 31)),
        // Byte swaps live in the ALU class but act on the 64-bit register.
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a 32-bit arithmetic operation."),
    };

    /// <summary>Whether a conditional jump is taken; 32-bit jumps compare the low halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTaken(Operation condition, ulong dst, ulong src, bool is32Bit)
    {
        if (is32Bit)
        {
            return condition switch
            {
                Operation.Jsgt => (int)dst > (int)src,
                Operation.Jsge => (int)dst >= (int)src,
                Operation.Jslt => (int)dst < (int)src,
                Operation.Jsle => (int)dst <= (int)src,
                _ => IsTaken(condition, (uint)dst, (uint)src, false),
            };
        }

        return condition switch
        {
            Operation.Ja => true,
            Operation.Jeq => dst == src,
            Operation.Jgt => dst > src,
            Operation.Jge => dst >= src,
            Operation.Jset => (dst & src) != 0,
            Operation.Jne => dst != src,
            Operation.Jsgt => (long)dst > (long)src,
            Operation.Jsge => (long)dst >= (long)src,
            Operation.Jlt => dst < src,
            Operation.Jle => dst <= src,
            Operation.Jslt => (long)dst < (long)src,
            Operation.Jsle => (long)dst <= (long)src,
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Not a jump condition."),
        };
    }

    /// <summary>Sign-extends the low <paramref name="bits"/> bits of <paramref name="value"/>.</summary>
    public static long SignExtend(ulong value, int bits) => bits switch
    {
        8 => (sbyte)value,
        16 => (short)value,
        32 => (int)value,
        _ => (long)value,
    };

    /// <summary>Keeps the low <paramref name="bits"/> bits.</summary>
    public static ulong Truncate(ulong value, int bits) => bits switch
    {
        16 => (ushort)value,
        32 => (uint)value,
        _ => value,
    };

    /// <summary>Reverses the byte order of the low <paramref name="bits"/> bits, zero-extending the result.</summary>
    public static ulong Swap(ulong value, int bits) => bits switch
    {
        8 => (byte)value,
        16 => BinaryPrimitives.ReverseEndianness((ushort)value),
        32 => BinaryPrimitives.ReverseEndianness((uint)value),
        _ => BinaryPrimitives.ReverseEndianness(value),
    };

    private static long SignedDivide(long dst, long src) => src switch
    {
        0 => 0,
        -1 => unchecked(-dst),
        _ => dst / src,
    };

    private static long SignedRemainder(long dst, long src) => src switch
    {
        0 => dst,
        -1 => 0,
        _ => dst % src,
    };

    private static int SignedDivide(int dst, int src) => src switch
    {
        0 => 0,
        -1 => unchecked(-dst),
        _ => dst / src,
    };

    private static int SignedRemainder(int dst, int src) => src switch
    {
        0 => dst,
        -1 => 0,
        _ => dst % src,
    };
}
