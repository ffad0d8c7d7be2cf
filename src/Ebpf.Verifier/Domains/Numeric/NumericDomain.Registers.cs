using Ebpf.Core.Isa;

namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>eBPF arithmetic on the two views of registers.</summary>
internal sealed partial class NumericDomain
{
    /// <summary>Sets both views to the 64-bit value <paramref name="value"/> (<c>lddw</c>, <c>mov r1, imm</c>).</summary>
    public void Assign(ValueViews x, ulong value)
    {
        Assign(x.Signed, (long)value);
        Assign(x.Unsigned, value);
    }

    /// <summary>Sets both views to the values that <paramref name="signed"/> allows, keeping the views consistent.</summary>
    public void AssignSigned(ValueViews x, Interval signed)
    {
        Assign(x.Signed, IntervalArithmetic.Wrap(signed, true, 64).Meet(signed));
        Assign(x.Unsigned, IntervalArithmetic.Wrap(signed, false, 64));
    }

    /// <summary>Sets both views to the values that <paramref name="unsigned"/> allows, keeping the views consistent.</summary>
    public void AssignUnsigned(ValueViews x, Interval unsigned)
    {
        Assign(x.Unsigned, IntervalArithmetic.Wrap(unsigned, false, 64).Meet(unsigned));
        Assign(x.Signed, IntervalArithmetic.Wrap(unsigned, true, 64));
    }

    /// <summary>Forgets both views.</summary>
    public void Havoc(ValueViews x)
    {
        Havoc(x.Signed);
        Havoc(x.Unsigned);
    }

    /// <summary>
    /// <c>dst = dst op src</c> for the register operand <paramref name="src"/>, at <paramref name="width"/> 32 or 64;
    /// 32-bit results zero-extend. Every ALU operation: <c>add sub mul div sdiv mod smod or and xor lsh rsh arsh
    /// mov neg</c> (neg ignores src).
    /// </summary>
    public void Apply(Operation operation, int width, ValueViews dst, ValueViews src) =>
        Apply(operation, width, dst, IntervalOf(src.Signed), IntervalOf(src.Unsigned), src);

    /// <summary>
    /// <c>dst = dst op imm</c>, where <paramref name="immediate"/> is the operand's 64-bit value (the instruction's
    /// immediate sign-extended); 32-bit operations use its low half.
    /// </summary>
    public void Apply(Operation operation, int width, ValueViews dst, long immediate) =>
        Apply(operation, width, dst, Interval.Constant(immediate), Interval.Constant((ulong)immediate), null);

    /// <summary>
    /// <c>dst = (s8/s16/s32)src</c> (<c>movsx</c>): the low <paramref name="fromBits"/> bits sign-extended to
    /// <paramref name="width"/> bits, then zero-extended when the width is 32.
    /// </summary>
    public void SignExtend(ValueViews dst, ValueViews src, int fromBits, int width)
    {
        var low = IntervalArithmetic.Wrap(IntervalOf(src.Signed), true, fromBits)
            .Meet(IntervalArithmetic.Wrap(IntervalOf(src.Unsigned), true, fromBits));
        AssignViews(dst, width == 64 ? low : IntervalArithmetic.Wrap(low, false, 32));
    }

    /// <summary>
    /// The byte-order operations on dst (<c>le16/32/64</c>, <c>be16/32/64</c>, <c>bswap16/32/64</c>) at
    /// <paramref name="bits"/>. <paramref name="swaps"/> says whether bytes move on this machine: conversions to
    /// little-endian only truncate on a little-endian host.
    /// </summary>
    public void ApplyByteOrder(ValueViews dst, int bits, bool swaps)
    {
        var unsigned = IntervalOf(dst.Unsigned).Meet(IntervalArithmetic.Wrap(IntervalOf(dst.Signed), false, 64));
        var low = IntervalArithmetic.Wrap(unsigned, false, bits).Meet(IntervalArithmetic.Wrap(IntervalOf(dst.Signed), false, bits));
        if (swaps && !(low.IsSingleton && bits % 8 == 0))
        {
            low = IntervalArithmetic.Range(false, bits);
        }
        else if (swaps)
        {
            low = Interval.Constant(ReverseBytes((ulong)low.Lower, bits));
        }

        AssignViews(dst, low);
    }

    private void Apply(Operation operation, int width, ValueViews dst, Interval srcSigned, Interval srcUnsigned, ValueViews? srcVariables)
    {
        if (IsBottom)
        {
            return;
        }

        Name(dst.Signed);
        Name(dst.Unsigned);
        var dstSigned = IntervalOf(dst.Signed);
        var dstUnsigned = IntervalOf(dst.Unsigned);
        var ds = View(dstSigned, dstUnsigned, true, width);
        var du = View(dstSigned, dstUnsigned, false, width);
        var ss = View(srcSigned, srcUnsigned, true, width);
        var su = View(srcSigned, srcUnsigned, false, width);
        if (ds.IsBottom || du.IsBottom || ss.IsBottom || su.IsBottom)
        {
            SetBottom();
            return;
        }

        if (du.IsSingleton && (su.IsSingleton || operation == Operation.Neg)
            && ConcreteArithmetic.Evaluate(operation, width, (ulong)du.Lower, (ulong)su.Lower) is ulong exact)
        {
            Assign(dst, exact);
            return;
        }

        var resultSigned = IntervalArithmetic.Evaluate(operation, width, true, ds, ss);
        var resultUnsigned = IntervalArithmetic.Evaluate(operation, width, false, du, su);
        Interval signed, unsigned;
        if (width == 32)
        {
            // The 32-bit result zero-extends: both 64-bit views hold the unsigned 32-bit value.
            unsigned = resultUnsigned.Meet(IntervalArithmetic.Wrap(resultSigned, false, 32));
            signed = unsigned;
        }
        else
        {
            signed = resultSigned.Meet(IntervalArithmetic.Wrap(resultUnsigned, true, 64));
            unsigned = resultUnsigned.Meet(IntervalArithmetic.Wrap(resultSigned, false, 64));
        }

        var whole = (View(dstSigned, dstUnsigned, true, 64), View(dstSigned, dstUnsigned, false, 64),
            View(srcSigned, srcUnsigned, true, 64), View(srcSigned, srcUnsigned, false, 64));
        if (!ApplyRelational(operation, width, dst, whole, srcVariables))
        {
            Havoc(dst);
        }

        Constrain(dst.Signed, signed);
        Constrain(dst.Unsigned, unsigned);
    }

    /// <summary>
    /// Keeps the zone's relations where the operation is exact over the integers: <c>mov</c>, and
    /// <c>add</c>/<c>sub</c> that cannot wrap in a view. Returns false when dst must be forgotten instead.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="width">32 or 64.</param>
    /// <param name="dst">The destination's views.</param>
    /// <param name="operands">The 64-bit signed and unsigned views of dst and src, before the operation.</param>
    /// <param name="src">The source's views when it is a register.</param>
    private bool ApplyRelational(Operation operation, int width, ValueViews dst,
        (Interval DstSigned, Interval DstUnsigned, Interval SrcSigned, Interval SrcUnsigned) operands, ValueViews? src)
    {
        var (ds, du, ss, su) = operands;
        Interval signedRange = Interval.Signed64, unsignedRange = Interval.Unsigned64;
        if (width == 32)
        {
            // A 32-bit operation is exact over the integers only on values already within 32 bits, and only
            // while its result stays there (both views then hold the same non-negative value).
            if (!du.LessOrEqual(Interval.Unsigned32) || !su.LessOrEqual(Interval.Unsigned32))
            {
                return false;
            }

            (ds, ss, signedRange, unsignedRange) = (du, su, Interval.Unsigned32, Interval.Unsigned32);
        }

        switch (operation)
        {
            case Operation.Mov when src is { } from:
                Assign(dst.Signed, from.Signed);
                Assign(dst.Unsigned, from.Unsigned);
                return true;
            case Operation.Add or Operation.Sub:
                var sign = Interval.Constant(operation == Operation.Add ? 1 : -1);
                // dst - src is what the zone knows of their difference; it is the result when nothing wraps.
                var signedDifference = src is { } s1 && operation == Operation.Sub ? IntervalOf(dst.Signed, s1.Signed) : Interval.Top;
                var unsignedDifference = src is { } s2 && operation == Operation.Sub ? IntervalOf(dst.Unsigned, s2.Unsigned) : Interval.Top;
                if (Shift(dst.Signed, ds, ss.Multiply(sign), signedRange))
                {
                    Constrain(dst.Signed, signedDifference);
                }
                else
                {
                    Havoc(dst.Signed);
                }

                if (Shift(dst.Unsigned, du, su.Multiply(sign), unsignedRange))
                {
                    Constrain(dst.Unsigned, unsignedDifference);
                }
                else
                {
                    Havoc(dst.Unsigned);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary><c>x := x + offset</c> in the zone when the result stays within the view's range, so no wrap happens.</summary>
    private bool Shift(Variable x, Interval current, Interval offset, Interval range)
    {
        if (!offset.IsFinite || !current.Add(offset).LessOrEqual(range))
        {
            return false;
        }

        _zone.Assign(x.Id, x.Id, offset);
        return true;
    }

    private void AssignViews(ValueViews dst, Interval value)
    {
        Havoc(dst);
        Constrain(dst.Signed, IntervalArithmetic.Wrap(value, true, 64));
        Constrain(dst.Unsigned, IntervalArithmetic.Wrap(value, false, 64));
    }

    /// <summary>Adds bounds to a view; a view's whole range says nothing (every view lies in its range) and is not stored.</summary>
    private void Constrain(Variable x, Interval bounds)
    {
        Name(x);
        if (!bounds.IsTop && bounds != Interval.Signed64 && bounds != Interval.Unsigned64)
        {
            _zone.Constrain(x.Id, bounds);
        }
    }

    /// <summary>What one view of the operand's low <paramref name="width"/> bits can be, from both 64-bit views.</summary>
    private static Interval View(Interval signed, Interval unsigned, bool asSigned, int width) =>
        IntervalArithmetic.Wrap(signed.Meet(Interval.Signed64), asSigned, width)
            .Meet(IntervalArithmetic.Wrap(unsigned.Meet(Interval.Unsigned64), asSigned, width));

    private static ulong ReverseBytes(ulong value, int bits)
    {
        ulong result = 0;
        for (var i = 0; i < bits / 8; i++)
        {
            result = (result << 8) | ((value >> (8 * i)) & 0xff);
        }

        return result;
    }
}
