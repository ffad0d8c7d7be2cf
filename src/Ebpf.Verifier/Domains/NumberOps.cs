using Ebpf.Core.Isa;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Domains;

/// <summary>
/// The numeric operations the transfer functions need, in their words, over the state's <see cref="NumericDomain"/>.
/// Keeping them in one place keeps the transfer functions free of the domain's calling conventions.
/// </summary>
internal static class NumberOps
{
    /// <summary><c>x := c</c>.</summary>
    public static void SetConstant(AbstractState state, Variable x, long c) => state.Numbers.Assign(x, (Int128)c);

    /// <summary>Both views of a 64-bit number := <paramref name="c"/>.</summary>
    public static void SetConstant(AbstractState state, ValueViews x, ulong c) => state.Numbers.Assign(x, c);

    /// <summary>Both views := some value of <paramref name="signed"/> (the signed view).</summary>
    public static void SetSigned(AbstractState state, ValueViews x, Interval signed) => state.Numbers.AssignSigned(x, signed);

    /// <summary>Forgets <paramref name="x"/>.</summary>
    public static void Havoc(AbstractState state, Variable x) => state.Numbers.Havoc(x);

    /// <summary>Forgets both views.</summary>
    public static void Havoc(AbstractState state, ValueViews x) => state.Numbers.Havoc(x);

    /// <summary><c>x := y</c>.</summary>
    public static void Copy(AbstractState state, Variable x, Variable y)
    {
        if (x != y)
        {
            state.Numbers.Assign(x, y);
        }
    }

    /// <summary>Both views <c>x := y</c>.</summary>
    public static void Copy(AbstractState state, ValueViews x, ValueViews y)
    {
        Copy(state, x.Signed, y.Signed);
        Copy(state, x.Unsigned, y.Unsigned);
    }

    /// <summary><c>x := y + c</c> over the integers.</summary>
    public static void AddConstant(AbstractState state, Variable x, Variable y, long c) => state.Numbers.Assign(x, y, (Int128)c);

    /// <summary><c>x := y ± n</c> over the integers, n any value of <paramref name="number"/>.</summary>
    public static void AddVariable(AbstractState state, Variable x, Variable y, Variable number, bool negate)
    {
        var value = state.Numbers.IntervalOf(number);
        state.Numbers.Assign(x, y, negate ? value.Negate() : value);
    }

    /// <summary>Adds <c>x &gt;= c</c>.</summary>
    public static void AtLeast(AbstractState state, Variable x, long c) => state.Numbers.AddConstraint(LinearConstraint.AtLeast(x, c));

    /// <summary>Adds <c>x &lt;= c</c>.</summary>
    public static void AtMost(AbstractState state, Variable x, long c) => state.Numbers.AddConstraint(LinearConstraint.AtMost(x, c));

    /// <summary>The values of <paramref name="x"/>.</summary>
    public static Interval Of(AbstractState state, Variable x) => state.Numbers.IntervalOf(x);

    /// <summary>The values of <c>x - y</c>.</summary>
    public static Interval Difference(AbstractState state, Variable x, Variable y) => state.Numbers.IntervalOf(x, y);

    /// <summary>True when <c>x &gt;= c</c> holds.</summary>
    public static bool EntailsAtLeast(AbstractState state, Variable x, long c) => state.Numbers.Entails(LinearConstraint.AtLeast(x, c));

    /// <summary>True when <c>x &lt;= c</c> holds.</summary>
    public static bool EntailsAtMost(AbstractState state, Variable x, long c) => state.Numbers.Entails(LinearConstraint.AtMost(x, c));

    /// <summary>True when <c>x - y &lt;= c</c> holds.</summary>
    public static bool EntailsDifference(AbstractState state, Variable x, Variable y, long c) =>
        state.Numbers.Entails(LinearConstraint.Difference(x, y, c));

    /// <summary>The ALU instruction <paramref name="form"/> on number views: <c>dst = dst op (src | imm)</c>.</summary>
    public static void Apply(AbstractState state, OpCodeInfo form, ValueViews dst, ValueViews? src, int immediate)
    {
        var numbers = state.Numbers;
        switch (form.Operation)
        {
            case Operation.ToLittleEndian:
                numbers.ApplyByteOrder(dst, form.Width, swaps: !BitConverter.IsLittleEndian);
                break;
            case Operation.ToBigEndian:
                numbers.ApplyByteOrder(dst, form.Width, swaps: BitConverter.IsLittleEndian);
                break;
            case Operation.ByteSwap:
                numbers.ApplyByteOrder(dst, form.Width, swaps: true);
                break;
            case Operation.MovSx:
                numbers.SignExtend(dst, src ?? dst, form.Width, form.Is32Bit ? 32 : 64);
                break;
            default:
                var width = form.Is32Bit ? 32 : 64;
                if (src is { } register)
                {
                    numbers.Apply(form.Operation, width, dst, register);
                }
                else
                {
                    numbers.Apply(form.Operation, width, dst, (long)immediate);
                }

                break;
        }
    }

    /// <summary>Keeps the low 32 bits of a number (<c>w1 = w2</c>).</summary>
    public static void Truncate32(AbstractState state, ValueViews x) => state.Numbers.Apply(Operation.Mov, 32, x, x);

    /// <summary>Keeps the low <paramref name="bits"/> bits of a number, zero-extended (a narrow store read back).</summary>
    public static void Truncate(AbstractState state, ValueViews x, int bits)
    {
        var unsigned = IntervalArithmetic.Wrap(state.Numbers.IntervalOf(x.Unsigned), false, bits);
        state.Numbers.AssignUnsigned(x, unsigned);
    }

    /// <summary>Sign-extends the low <paramref name="bits"/> bits of a number to 64 (a sign-extending load).</summary>
    public static void SignExtend(AbstractState state, ValueViews x, int bits) => state.Numbers.SignExtend(x, x, bits, 64);

    /// <summary>Refines number views with a jump condition (<paramref name="right"/> null: the immediate).</summary>
    public static void Assume(AbstractState state, Operation condition, bool is32, ValueViews left, ValueViews? right, int immediate, bool taken = true)
    {
        if (right is { } register)
        {
            state.Numbers.Assume(condition, left, register, is32, taken);
        }
        else
        {
            state.Numbers.Assume(condition, left, (long)immediate, is32, taken);
        }
    }

    /// <summary>
    /// Refines two pointer offsets into the same region with a jump condition. Offsets are exact integers and
    /// addresses in one region do not wrap, so signed and unsigned conditions mean the same.
    /// </summary>
    public static void AssumeOffsets(AbstractState state, Operation condition, Variable left, Variable right)
    {
        var numbers = state.Numbers;
        switch (condition)
        {
            case Operation.Jeq:
                numbers.AddConstraint(LinearConstraint.Difference(left, right, 0));
                numbers.AddConstraint(LinearConstraint.Difference(right, left, 0));
                break;
            case Operation.Jgt or Operation.Jsgt:
                numbers.AddConstraint(LinearConstraint.Difference(right, left, -1));
                break;
            case Operation.Jge or Operation.Jsge:
                numbers.AddConstraint(LinearConstraint.Difference(right, left, 0));
                break;
            case Operation.Jlt or Operation.Jslt:
                numbers.AddConstraint(LinearConstraint.Difference(left, right, -1));
                break;
            case Operation.Jle or Operation.Jsle:
                numbers.AddConstraint(LinearConstraint.Difference(left, right, 0));
                break;
        }
    }
}
