using Ebpf.Core.Isa;

namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// The exact result of an ALU operation on known values, restated from RFC 9669 section 4.1 (the
/// verifier may not reference the runtime): the domain uses it when both operands are constants.
/// </summary>
internal static class ConcreteArithmetic
{
    /// <summary>The 64-bit result of <c>dst = dst op src</c> (or of a unary <paramref name="operation"/> on dst),
    /// or null for an operation that is not plain arithmetic.</summary>
    public static ulong? Evaluate(Operation operation, int width, ulong dst, ulong src)
    {
        if (width == 32)
        {
            var (d, s) = ((uint)dst, (uint)src);
            return operation switch
            {
                Operation.Add => d + s,
                Operation.Sub => d - s,
                Operation.Mul => d * s,
                Operation.Div => s == 0 ? 0 : d / s,
                Operation.SDiv => (uint)(s == 0 ? 0 : (int)s == -1 ? unchecked(-(int)d) : (int)d / (int)s),
                Operation.Mod => s == 0 ? d : d % s,
                Operation.SMod => (uint)(s == 0 ? (int)d : (int)s == -1 ? 0 : (int)d % (int)s),
                Operation.Or => d | s,
                Operation.And => d & s,
                Operation.Xor => d ^ s,
                Operation.Lsh => d << (int)(s & 31),
                Operation.Rsh => d >> (int)(s & 31),
                Operation.Arsh => (uint)((int)d >> (int)(s & 31)),
                Operation.Neg => (uint)-(int)d,
                Operation.Mov => s,
                _ => null,
            };
        }

        return operation switch
        {
            Operation.Add => dst + src,
            Operation.Sub => dst - src,
            Operation.Mul => dst * src,
            Operation.Div => src == 0 ? 0 : dst / src,
            Operation.SDiv => (ulong)(src == 0 ? 0 : (long)src == -1 ? unchecked(-(long)dst) : (long)dst / (long)src),
            Operation.Mod => src == 0 ? dst : dst % src,
            Operation.SMod => (ulong)(src == 0 ? (long)dst : (long)src == -1 ? 0 : (long)dst % (long)src),
            Operation.Or => dst | src,
            Operation.And => dst & src,
            Operation.Xor => dst ^ src,
            Operation.Lsh => dst << (int)(src & 63),
            Operation.Rsh => dst >> (int)(src & 63),
            Operation.Arsh => (ulong)((long)dst >> (int)(src & 63)),
            Operation.Neg => (ulong)-(long)dst,
            Operation.Mov => src,
            _ => null,
        };
    }
}
