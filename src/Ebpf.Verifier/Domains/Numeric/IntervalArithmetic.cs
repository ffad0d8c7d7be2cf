using System.Numerics;
using Ebpf.Core.Isa;

namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// eBPF's ALU operations over intervals, in one view (signed or unsigned) of one width (32 or 64 bits).
/// </summary>
/// <remarks>
/// Restates the semantics of the runtime's <c>Arithmetic</c> (RFC 9669 section 4.1) soundly: division by
/// zero gives 0, modulo by zero keeps the dividend, <c>MIN / -1</c> wraps, shift amounts are masked to
/// the width. Inputs and results are values of the view: [-2^(w-1), 2^(w-1)-1] when signed,
/// [0, 2^w-1] when not. A result the view cannot hold without wrapping more than once is the whole
/// view; one that wraps exactly once is shifted back (so unsigned <c>x + 0xffffffff</c> is <c>x - 1</c>).
/// Operations that say nothing useful in a view (unsigned division in the signed view, say) give the
/// whole view: the caller intersects both views' results (see <see cref="NumericDomain"/>).
/// </remarks>
internal static class IntervalArithmetic
{
    /// <summary>Every value of the view.</summary>
    public static Interval Range(bool signed, int width) => (signed, width) switch
    {
        (true, 64) => Interval.Signed64,
        (false, 64) => Interval.Unsigned64,
        (true, 32) => Interval.Signed32,
        (false, 32) => Interval.Unsigned32,
        (true, _) => new(-(Int128.One << (width - 1)), (Int128.One << (width - 1)) - 1),
        _ => new(0, (Int128.One << width) - 1),
    };

    /// <summary>
    /// The values of <paramref name="value"/> modulo 2^<paramref name="width"/>, as the view holds them:
    /// converts between views, takes low bits, and wraps overflowing results. Exact when the interval
    /// spans no wrap point, otherwise the whole view.
    /// </summary>
    public static Interval Wrap(Interval value, bool signed, int width)
    {
        var range = Range(signed, width);
        if (value.IsBottom)
        {
            return Interval.Bottom;
        }

        if (value.LessOrEqual(range))
        {
            return value;
        }

        if (!value.IsFinite)
        {
            return range;
        }

        var modulus = Int128.One << width;
        var low = FloorDivide(value.Lower - range.Lower, modulus);
        var high = FloorDivide(value.Upper - range.Lower, modulus);
        return low == high ? new(value.Lower - (low * modulus), value.Upper - (low * modulus)) : range;
    }

    /// <summary>The result of <c>dst = dst op src</c> in one view; <paramref name="src"/> is ignored by <c>neg</c>.</summary>
    public static Interval Evaluate(Operation operation, int width, bool signed, Interval dst, Interval src)
    {
        dst = Wrap(dst, signed, width);
        src = Wrap(src, signed, width);
        if (dst.IsBottom || (src.IsBottom && operation != Operation.Neg))
        {
            return Interval.Bottom;
        }

        var range = Range(signed, width);
        return operation switch
        {
            Operation.Add => Wrap(dst.Add(src), signed, width),
            Operation.Sub => Wrap(dst.Subtract(src), signed, width),
            Operation.Mul => WrapProduct(dst, src, signed, width),
            Operation.Neg => Wrap(dst.Negate(), signed, width),
            Operation.Mov => src,
            Operation.Div => signed ? range : UnsignedDivide(dst, src),
            Operation.Mod => signed ? range : UnsignedRemainder(dst, src),
            Operation.SDiv => signed ? Wrap(SignedDivide(dst, src), signed, width) : range,
            Operation.SMod => signed ? SignedRemainder(dst, src) : range,
            Operation.And or Operation.Or or Operation.Xor => Bitwise(operation, dst, src, range),
            Operation.Lsh => ShiftLeft(dst, ShiftAmount(src, width), signed, width),
            Operation.Rsh => signed && dst.Lower < 0 ? range : ShiftRight(dst, ShiftAmount(src, width)),
            Operation.Arsh => signed || dst.Upper < (Int128.One << (width - 1)) ? ShiftRight(dst, ShiftAmount(src, width)) : range,
            _ => range,
        };
    }

    /// <summary>The shift amounts an operand can give once masked to the width.</summary>
    private static Interval ShiftAmount(Interval src, int width)
    {
        if (src.LessOrEqual(new Interval(0, width - 1)))
        {
            return src;
        }

        return src.IsSingleton ? Interval.Constant(src.Lower & (width - 1)) : new(0, width - 1);
    }

    private static Interval ShiftLeft(Interval dst, Interval amount, bool signed, int width)
    {
        if (!amount.IsSingleton && dst.Lower < 0)
        {
            return Range(signed, width);
        }

        // A left shift is a multiplication modulo 2^width.
        var factor = new Interval(Int128.One << (int)amount.Lower, Int128.One << (int)amount.Upper);
        return WrapProduct(dst, factor, signed, width);
    }

    /// <summary>Arithmetic shift of mathematical integers; for non-negative values it is the logical shift.</summary>
    private static Interval ShiftRight(Interval dst, Interval amount)
    {
        var a = dst.Lower >> (int)amount.Lower;
        var b = dst.Lower >> (int)amount.Upper;
        var c = dst.Upper >> (int)amount.Lower;
        var d = dst.Upper >> (int)amount.Upper;
        return new(Int128.Min(a, b), Int128.Max(c, d));
    }

    private static Interval UnsignedDivide(Interval dst, Interval src)
    {
        var result = src.Contains(0) ? Interval.Constant(0) : Interval.Bottom;
        var divisor = src.Meet(Interval.AtLeast(1));
        return divisor.IsBottom ? result : result.Join(new(dst.Lower / divisor.Upper, dst.Upper / divisor.Lower));
    }

    private static Interval UnsignedRemainder(Interval dst, Interval src)
    {
        var result = src.Contains(0) ? dst : Interval.Bottom;
        var divisor = src.Meet(Interval.AtLeast(1));
        if (divisor.IsBottom)
        {
            return result;
        }

        return result.Join(dst.Upper < divisor.Lower ? dst : new(0, Int128.Min(dst.Upper, divisor.Upper - 1)));
    }

    private static Interval SignedDivide(Interval dst, Interval src)
    {
        var result = src.Contains(0) ? Interval.Constant(0) : Interval.Bottom;
        foreach (var part in new[] { src.Meet(Interval.AtMost(-1)), src.Meet(Interval.AtLeast(1)) })
        {
            if (!part.IsBottom)
            {
                var a = dst.Lower / part.Lower;
                var b = dst.Lower / part.Upper;
                var c = dst.Upper / part.Lower;
                var d = dst.Upper / part.Upper;
                result = result.Join(new(Int128.Min(Int128.Min(a, b), Int128.Min(c, d)), Int128.Max(Int128.Max(a, b), Int128.Max(c, d))));
            }
        }

        return result;
    }

    private static Interval SignedRemainder(Interval dst, Interval src)
    {
        var result = src.Contains(0) ? dst : Interval.Bottom;
        var negative = src.Meet(Interval.AtMost(-1));
        var positive = src.Meet(Interval.AtLeast(1));
        if (negative.IsBottom && positive.IsBottom)
        {
            return result;
        }

        // |dst % d| < |d| and the remainder takes the dividend's sign.
        var largest = Int128.Max(negative.IsBottom ? 0 : -negative.Lower, positive.IsBottom ? 0 : positive.Upper) - 1;
        var smallest = Int128.Min(negative.IsBottom ? Interval.PlusInfinity : -negative.Upper, positive.IsBottom ? Interval.PlusInfinity : positive.Lower);
        if (-smallest < dst.Lower && dst.Upper < smallest)
        {
            return result.Join(dst);
        }

        var lower = dst.Lower >= 0 ? 0 : Int128.Max(dst.Lower, -largest);
        var upper = dst.Upper <= 0 ? 0 : Int128.Min(dst.Upper, largest);
        return result.Join(new(lower, upper));
    }

    private static Interval Bitwise(Operation operation, Interval dst, Interval src, Interval range)
    {
        if (dst.IsSingleton && src.IsSingleton)
        {
            return Interval.Constant(operation switch
            {
                Operation.And => dst.Lower & src.Lower,
                Operation.Or => dst.Lower | src.Lower,
                _ => dst.Lower ^ src.Lower,
            });
        }

        if (dst.Lower < 0 || src.Lower < 0)
        {
            // x & m lies in [0, m] for a non-negative m, whatever the sign of x.
            return operation == Operation.And && (dst.Lower >= 0 || src.Lower >= 0)
                ? new(0, dst.Lower >= 0 ? dst.Upper : src.Upper)
                : range;
        }

        return operation switch
        {
            Operation.And => new(0, Int128.Min(dst.Upper, src.Upper)),
            Operation.Or => new(Int128.Max(dst.Lower, src.Lower), AllOnesUpTo(dst.Upper | src.Upper)),
            _ => new(0, AllOnesUpTo(dst.Upper | src.Upper)),
        };
    }

    /// <summary>The smallest 2^k - 1 at least <paramref name="value"/> (non-negative).</summary>
    private static Int128 AllOnesUpTo(Int128 value) =>
        value == 0 ? 0 : (Int128.One << (128 - (int)Int128.LeadingZeroCount(value))) - 1;

    /// <summary>
    /// The product modulo 2^width in the view. Products of 64-bit values reach 2^128, past
    /// <see cref="Interval.Limit"/>, so those are computed exactly with <see cref="BigInteger"/>: a
    /// product that spans less than one period still wraps to an exact interval (a constant times a constant, say).
    /// </summary>
    private static Interval WrapProduct(Interval a, Interval b, bool signed, int width)
    {
        var product = a.Multiply(b);
        if (product.IsFinite)
        {
            return Wrap(product, signed, width);
        }

        BigInteger[] corners =
        [
            (BigInteger)a.Lower * (BigInteger)b.Lower, (BigInteger)a.Lower * (BigInteger)b.Upper,
            (BigInteger)a.Upper * (BigInteger)b.Lower, (BigInteger)a.Upper * (BigInteger)b.Upper,
        ];
        var (low, high) = (corners.Min(), corners.Max());
        var range = Range(signed, width);
        var modulus = BigInteger.One << width;
        if (high - low >= modulus)
        {
            return range;
        }

        var periods = BigInteger.Divide(low - (BigInteger)range.Lower, modulus);
        if (low - (BigInteger)range.Lower < periods * modulus)
        {
            periods -= 1;
        }

        var (lower, upper) = (low - (periods * modulus), high - (periods * modulus));
        return upper <= (BigInteger)range.Upper ? new((Int128)lower, (Int128)upper) : range;
    }

    private static Int128 FloorDivide(Int128 a, Int128 b)
    {
        var quotient = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? quotient - 1 : quotient;
    }
}
