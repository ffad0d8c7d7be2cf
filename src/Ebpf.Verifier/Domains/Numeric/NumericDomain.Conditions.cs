using Ebpf.Core.Isa;

namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>Branch refinement: what a conditional jump teaches on each of its edges.</summary>
internal sealed partial class NumericDomain
{
    /// <summary>
    /// Refines the state with <c>left cond right</c> (when <paramref name="taken"/>) or its negation, for a
    /// register operand. Unsigned conditions constrain the unsigned views, signed ones the signed views, and
    /// both views are then reconciled. 32-bit conditions compare the low halves: they refine only operands
    /// whose views already lie within 32 bits (otherwise the state is kept as is, which is sound).
    /// The state becomes bottom when the edge cannot be taken.
    /// </summary>
    public void Assume(Operation condition, ValueViews left, ValueViews right, bool is32, bool taken = true) =>
        Assume(condition, left, Operand.Of(right), is32, taken);

    /// <summary>
    /// As the register form, for an immediate; <paramref name="immediate"/> is its 64-bit value (the
    /// instruction's immediate sign-extended), of which 32-bit conditions use the low half.
    /// </summary>
    public void Assume(Operation condition, ValueViews left, long immediate, bool is32, bool taken = true) =>
        Assume(condition, left, Operand.Of(immediate, is32, IsSigned(condition)), is32, taken);

    /// <summary>The condition that holds on the fall-through edge, or null for <c>jset</c>, which has none.</summary>
    public static Operation? Negate(Operation condition) => condition switch
    {
        Operation.Jeq => Operation.Jne,
        Operation.Jne => Operation.Jeq,
        Operation.Jgt => Operation.Jle,
        Operation.Jle => Operation.Jgt,
        Operation.Jge => Operation.Jlt,
        Operation.Jlt => Operation.Jge,
        Operation.Jsgt => Operation.Jsle,
        Operation.Jsle => Operation.Jsgt,
        Operation.Jsge => Operation.Jslt,
        Operation.Jslt => Operation.Jsge,
        _ => null,
    };

    private void Assume(Operation condition, ValueViews left, Operand right, bool is32, bool taken)
    {
        if (IsBottom)
        {
            return;
        }

        Name(left.Signed);
        Name(left.Unsigned);
        if (right.Variables is { } variables)
        {
            Name(variables.Signed);
            Name(variables.Unsigned);
        }

        if (is32 && !FitsIn32Bits(left, right, IsSigned(condition)))
        {
            return;
        }

        if (condition == Operation.Jset)
        {
            AssumeBitTest(left, right, taken);
        }
        else if ((taken ? condition : Negate(condition)) is { } holds)
        {
            AssumeComparison(holds, left, right);
        }

        Reconcile(left);
        if (right.Variables is { } reconciled)
        {
            Reconcile(reconciled);
        }
    }

    private static bool IsSigned(Operation condition) =>
        condition is Operation.Jsgt or Operation.Jsge or Operation.Jslt or Operation.Jsle;

    /// <summary>Whether both operands' relevant view lies within 32 bits, where the low halves are the values.</summary>
    private bool FitsIn32Bits(ValueViews left, Operand right, bool signed)
    {
        var range = signed ? Interval.Signed32 : Interval.Unsigned32;
        var leftView = signed ? left.Signed : left.Unsigned;
        var rightInterval = right.Variables is { } variables ? IntervalOf(signed ? variables.Signed : variables.Unsigned) : right.View(signed);
        return IntervalOf(leftView).LessOrEqual(range) && rightInterval.LessOrEqual(range);
    }

    private void AssumeComparison(Operation condition, ValueViews left, Operand right)
    {
        switch (condition)
        {
            case Operation.Jeq:
                Relate(left.Signed, right, true, 0, 0);
                Relate(left.Unsigned, right, false, 0, 0);
                break;
            case Operation.Jne:
                Differ(left.Signed, right, true);
                Differ(left.Unsigned, right, false);
                break;
            case Operation.Jgt: Relate(left.Unsigned, right, false, 1, null); break;
            case Operation.Jge: Relate(left.Unsigned, right, false, 0, null); break;
            case Operation.Jlt: Relate(left.Unsigned, right, false, null, -1); break;
            case Operation.Jle: Relate(left.Unsigned, right, false, null, 0); break;
            case Operation.Jsgt: Relate(left.Signed, right, true, 1, null); break;
            case Operation.Jsge: Relate(left.Signed, right, true, 0, null); break;
            case Operation.Jslt: Relate(left.Signed, right, true, null, -1); break;
            case Operation.Jsle: Relate(left.Signed, right, true, null, 0); break;
            default: break;
        }
    }

    /// <summary>Adds <c>right + atLeast &lt;= x &lt;= right + atMost</c> in one view (a null end is unconstrained).</summary>
    private void Relate(Variable x, Operand right, bool signed, int? atLeast, int? atMost)
    {
        if (right.Variables is { } variables)
        {
            var y = signed ? variables.Signed : variables.Unsigned;
            if (atMost is int most)
            {
                _zone.AddDifference(x.Id, y.Id, most);
            }

            if (atLeast is int least)
            {
                _zone.AddDifference(y.Id, x.Id, -least);
            }

            return;
        }

        var value = right.View(signed);
        _zone.Constrain(x.Id, new Interval(
            atLeast is int low ? value.Lower + low : Interval.MinusInfinity,
            atMost is int high ? value.Upper + high : Interval.PlusInfinity));
    }

    /// <summary><c>x != right</c>: removes right's value from an end of x's interval (and the reverse).</summary>
    private void Differ(Variable x, Operand right, bool signed)
    {
        var y = right.Variables is { } variables ? signed ? variables.Signed : variables.Unsigned : (Variable?)null;
        var value = y is { } other ? IntervalOf(other) : right.View(signed);
        if (value.IsSingleton)
        {
            AddConstraint(LinearConstraint.NotEqualTo(x, value.Lower));
        }

        var own = IntervalOf(x);
        if (y is { } reverse && own.IsSingleton)
        {
            AddConstraint(LinearConstraint.NotEqualTo(reverse, own.Lower));
        }
    }

    /// <summary>
    /// <c>jset</c>: taken means some bit of the mask is set in x, so x is at least the mask's lowest bit (and not 0);
    /// the fall-through means none is, so x lies between the nearest values around its bounds that have no mask bit.
    /// </summary>
    private void AssumeBitTest(ValueViews left, Operand right, bool taken)
    {
        var mask = right.Variables is { } variables ? IntervalOf(variables.Unsigned) : right.View(false);
        if (!mask.IsSingleton)
        {
            return;
        }

        var bits = (ulong)mask.Lower;
        var value = IntervalOf(left.Unsigned).Meet(Interval.Unsigned64);
        if (taken)
        {
            if (bits == 0)
            {
                SetBottom();
                return;
            }

            _zone.Constrain(left.Unsigned.Id, Interval.AtLeast(bits & (~bits + 1)));
        }
        else if (!value.IsBottom && bits != 0)
        {
            var lowest = BitMasks.SmallestWithout((ulong)value.Lower, bits);
            var highest = BitMasks.LargestWithout((ulong)value.Upper, bits);
            _zone.Constrain(left.Unsigned.Id, lowest is ulong low ? new Interval(low, highest) : Interval.Bottom);
        }
    }

    /// <summary>Brings each view of a value into agreement with the other.</summary>
    /// <remarks>Signed from unsigned, unsigned from signed, and signed again; each step only tightens.</remarks>
    private void Reconcile(ValueViews x)
    {
        Constrain(x.Signed, IntervalArithmetic.Wrap(IntervalOf(x.Unsigned).Meet(Interval.Unsigned64), true, 64));
        Constrain(x.Unsigned, IntervalArithmetic.Wrap(IntervalOf(x.Signed).Meet(Interval.Signed64), false, 64));
        Constrain(x.Signed, IntervalArithmetic.Wrap(IntervalOf(x.Unsigned).Meet(Interval.Unsigned64), true, 64));
    }

    /// <summary>The right operand of a condition: a register's views or a constant.</summary>
    private readonly record struct Operand(ValueViews? Variables, Interval Signed, Interval Unsigned)
    {
        public static Operand Of(ValueViews variables) => new(variables, Interval.Top, Interval.Top);

        /// <summary>
        /// A constant. For 32-bit conditions the operands are taken as values within 32 bits (the only case
        /// refined): the low half zero-extended for unsigned conditions, sign-extended for signed ones.
        /// </summary>
        public static Operand Of(long immediate, bool is32, bool signed)
        {
            var value = !is32 ? immediate : signed ? (int)immediate : (long)(uint)immediate;
            return new(null, Interval.Constant(value), Interval.Constant((ulong)value));
        }

        public Interval View(bool signed) => signed ? Signed : Unsigned;
    }
}
