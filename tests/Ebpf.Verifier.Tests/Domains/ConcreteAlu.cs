using Ebpf.Core.Isa;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>
/// The tests' own statement of eBPF arithmetic (RFC 9669 section 4.1), written apart from the domain's, so
/// that a property compares the abstraction against an independent concrete semantics.
/// </summary>
internal static class ConcreteAlu
{
    /// <summary>The 64-bit register after <c>dst op= src</c>; a 32-bit result is zero-extended.</summary>
    public static ulong Run(Operation operation, int width, ulong dst, ulong src)
    {
        var bits = width == 32 ? 32 : 64;
        var mask = bits == 32 ? 0xffff_ffffUL : ulong.MaxValue;
        ulong d = dst & mask, s = src & mask;
        long sd = bits == 32 ? (int)(uint)d : (long)d, ss = bits == 32 ? (int)(uint)s : (long)s;
        var shift = (int)(s & (ulong)(bits - 1));
        ulong result = operation switch
        {
            Operation.Add => d + s,
            Operation.Sub => d - s,
            Operation.Mul => d * s,
            Operation.Div => s == 0 ? 0 : d / s,
            Operation.Mod => s == 0 ? d : d % s,
            Operation.SDiv => ss == 0 ? 0 : ss == -1 ? (ulong)(0 - sd) : (ulong)(sd / ss),
            Operation.SMod => ss == 0 ? (ulong)sd : ss == -1 ? 0 : (ulong)(sd % ss),
            Operation.Or => d | s,
            Operation.And => d & s,
            Operation.Xor => d ^ s,
            Operation.Lsh => d << shift,
            Operation.Rsh => d >> shift,
            Operation.Arsh => (ulong)(sd >> shift),
            Operation.Neg => 0 - d,
            Operation.Mov => s,
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        return result & mask;
    }

    /// <summary>Whether the jump is taken; 32-bit jumps compare the low halves.</summary>
    public static bool Holds(Operation condition, ulong left, ulong right, bool is32)
    {
        ulong l = is32 ? (uint)left : left, r = is32 ? (uint)right : right;
        long sl = is32 ? (int)(uint)left : (long)left, sr = is32 ? (int)(uint)right : (long)right;
        return condition switch
        {
            Operation.Jeq => l == r,
            Operation.Jne => l != r,
            Operation.Jgt => l > r,
            Operation.Jge => l >= r,
            Operation.Jlt => l < r,
            Operation.Jle => l <= r,
            Operation.Jsgt => sl > sr,
            Operation.Jsge => sl >= sr,
            Operation.Jslt => sl < sr,
            Operation.Jsle => sl <= sr,
            Operation.Jset => (l & r) != 0,
            _ => throw new ArgumentOutOfRangeException(nameof(condition)),
        };
    }
}
