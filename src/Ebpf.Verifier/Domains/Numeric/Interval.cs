using System.Globalization;

namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// A closed interval of mathematical integers, possibly unbounded, or bottom (empty).
/// </summary>
/// <remarks>
/// Bounds are <see cref="Int128"/> so that both views of a 64-bit register fit exactly: the signed
/// view lies in [-2^63, 2^63-1] and the unsigned one in [0, 2^64-1]. <see cref="Int128.MinValue"/> and
/// <see cref="Int128.MaxValue"/> are the infinities; any finite result beyond ±<see cref="Limit"/> becomes
/// infinite, so that sums of finite bounds never overflow <see cref="Int128"/>. Bottom is
/// the one value whose lower bound exceeds its upper bound (canonically +inf, -inf).
/// The eBPF operations with wrap-around live in <see cref="IntervalArithmetic"/>; the operations
/// here are exact over the integers.
/// </remarks>
internal readonly record struct Interval
{
    /// <summary>Negative infinity.</summary>
    public static readonly Int128 MinusInfinity = Int128.MinValue;

    /// <summary>Positive infinity.</summary>
    public static readonly Int128 PlusInfinity = Int128.MaxValue;

    /// <summary>Finite bounds lie within ±2^80; beyond it a bound is treated as infinite.</summary>
    public static readonly Int128 Limit = Int128.One << 80;

    /// <summary>Every integer.</summary>
    public static readonly Interval Top = new(MinusInfinity, PlusInfinity);

    /// <summary>No integer: an unreachable state.</summary>
    public static readonly Interval Bottom = new(PlusInfinity, MinusInfinity);

    /// <summary>The range of a signed 64-bit value.</summary>
    public static readonly Interval Signed64 = new(long.MinValue, long.MaxValue);

    /// <summary>The range of an unsigned 64-bit value.</summary>
    public static readonly Interval Unsigned64 = new(0, ulong.MaxValue);

    /// <summary>The range of a signed 32-bit value.</summary>
    public static readonly Interval Signed32 = new(int.MinValue, int.MaxValue);

    /// <summary>The range of an unsigned 32-bit value.</summary>
    public static readonly Interval Unsigned32 = new(0, uint.MaxValue);

    /// <summary>Creates [lower, upper]; bounds beyond ±<see cref="Limit"/> become infinite, and lower &gt; upper is bottom.</summary>
    public Interval(Int128 lower, Int128 upper)
    {
        lower = lower < -Limit ? MinusInfinity : lower > Limit ? PlusInfinity : lower;
        upper = upper > Limit ? PlusInfinity : upper < -Limit ? MinusInfinity : upper;
        if (lower > upper)
        {
            (lower, upper) = (PlusInfinity, MinusInfinity);
        }

        Lower = lower;
        Upper = upper;
    }

    /// <summary>The lower bound, or <see cref="MinusInfinity"/>.</summary>
    public Int128 Lower { get; }

    /// <summary>The upper bound, or <see cref="PlusInfinity"/>.</summary>
    public Int128 Upper { get; }

    /// <summary>Whether the interval is empty.</summary>
    public bool IsBottom => Lower > Upper;

    /// <summary>Whether the interval is every integer.</summary>
    public bool IsTop => Lower == MinusInfinity && Upper == PlusInfinity;

    /// <summary>Whether it holds exactly one integer.</summary>
    public bool IsSingleton => Lower == Upper;

    /// <summary>Whether both bounds are finite.</summary>
    public bool IsFinite => !IsBottom && Lower != MinusInfinity && Upper != PlusInfinity;

    /// <summary>The one-value interval [value, value].</summary>
    public static Interval Constant(Int128 value) => new(value, value);

    /// <summary>[lower, +inf].</summary>
    public static Interval AtLeast(Int128 lower) => new(lower, PlusInfinity);

    /// <summary>[-inf, upper].</summary>
    public static Interval AtMost(Int128 upper) => new(MinusInfinity, upper);

    /// <summary>Whether <paramref name="value"/> lies in the interval.</summary>
    public bool Contains(Int128 value) => Lower <= value && value <= Upper;

    /// <summary>Whether every value of this interval lies in <paramref name="other"/>.</summary>
    public bool LessOrEqual(Interval other) => IsBottom || (other.Lower <= Lower && Upper <= other.Upper);

    /// <summary>The smallest interval holding both.</summary>
    public Interval Join(Interval other) =>
        IsBottom ? other : other.IsBottom ? this : new(Int128.Min(Lower, other.Lower), Int128.Max(Upper, other.Upper));

    /// <summary>The values in both.</summary>
    public Interval Meet(Interval other) =>
        IsBottom || other.IsBottom ? Bottom : new(Int128.Max(Lower, other.Lower), Int128.Min(Upper, other.Upper));

    /// <summary>Widening: a bound that grows in <paramref name="next"/> jumps to infinity, so chains end.</summary>
    public Interval Widen(Interval next)
    {
        if (IsBottom)
        {
            return next;
        }

        if (next.IsBottom)
        {
            return this;
        }

        return new(next.Lower < Lower ? MinusInfinity : Lower, next.Upper > Upper ? PlusInfinity : Upper);
    }

    /// <summary>
    /// Widening with thresholds: a bound that grows in <paramref name="next"/> jumps to the nearest of the sorted
    /// <paramref name="thresholds"/> that covers it, or to infinity past them all; finitely many thresholds keep chains finite.
    /// </summary>
    public Interval Widen(Interval next, ReadOnlySpan<Int128> thresholds)
    {
        if (IsBottom)
        {
            return next;
        }

        if (next.IsBottom)
        {
            return this;
        }

        var lower = Lower;
        if (next.Lower < Lower)
        {
            var i = LastAtMost(thresholds, next.Lower);
            lower = i < 0 ? MinusInfinity : thresholds[i];
        }

        var upper = Upper;
        if (next.Upper > Upper)
        {
            var i = LastAtMost(thresholds, next.Upper - 1) + 1;
            upper = i >= thresholds.Length ? PlusInfinity : thresholds[i];
        }

        return new(lower, upper);
    }

    /// <summary>The index of the last threshold at most <paramref name="value"/>, or -1.</summary>
    private static int LastAtMost(ReadOnlySpan<Int128> thresholds, Int128 value)
    {
        var index = thresholds.BinarySearch(value);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>Narrowing: only infinite bounds are replaced by those of <paramref name="next"/>.</summary>
    public Interval Narrow(Interval next)
    {
        if (IsBottom || next.IsBottom)
        {
            return Bottom;
        }

        return new(Lower == MinusInfinity ? next.Lower : Lower, Upper == PlusInfinity ? next.Upper : Upper);
    }

    /// <summary>Exact sum over the integers.</summary>
    public Interval Add(Interval other) =>
        IsBottom || other.IsBottom ? Bottom : new(AddBounds(Lower, other.Lower), AddBounds(Upper, other.Upper));

    /// <summary>Exact difference over the integers.</summary>
    public Interval Subtract(Interval other) => Add(other.Negate());

    /// <summary>Exact negation over the integers.</summary>
    public Interval Negate() => IsBottom ? Bottom : new(NegateBound(Upper), NegateBound(Lower));

    /// <summary>Exact product over the integers.</summary>
    public Interval Multiply(Interval other)
    {
        if (IsBottom || other.IsBottom)
        {
            return Bottom;
        }

        var a = MultiplyBounds(Lower, other.Lower);
        var b = MultiplyBounds(Lower, other.Upper);
        var c = MultiplyBounds(Upper, other.Lower);
        var d = MultiplyBounds(Upper, other.Upper);
        return new(Int128.Min(Int128.Min(a, b), Int128.Min(c, d)), Int128.Max(Int128.Max(a, b), Int128.Max(c, d)));
    }

    /// <summary>
    /// Adds two bounds, infinities absorbing. Callers add lower to lower or upper to upper bounds, so
    /// opposite infinities never meet; if they did, the first operand's infinity wins.
    /// </summary>
    public static Int128 AddBounds(Int128 a, Int128 b)
    {
        if (a == PlusInfinity || a == MinusInfinity)
        {
            return a;
        }

        return b == PlusInfinity || b == MinusInfinity ? b : a + b;
    }

    /// <summary>Negates a bound, infinities swapping.</summary>
    public static Int128 NegateBound(Int128 a) => a == PlusInfinity ? MinusInfinity : a == MinusInfinity ? PlusInfinity : -a;

    private static Int128 MultiplyBounds(Int128 a, Int128 b)
    {
        if (a == 0 || b == 0)
        {
            return 0;
        }

        var negative = (a < 0) != (b < 0);
        var infinite = a == PlusInfinity || a == MinusInfinity || b == PlusInfinity || b == MinusInfinity
            || Int128.Abs(a) > Limit / Int128.Abs(b);
        if (infinite)
        {
            return negative ? MinusInfinity : PlusInfinity;
        }

        return a * b;
    }

    /// <summary>Prints <c>[lower, upper]</c> with <c>-inf</c>/<c>inf</c>, or <c>bottom</c>.</summary>
    public override string ToString() => IsBottom ? "bottom" : $"[{FormatBound(Lower)}, {FormatBound(Upper)}]";

    /// <summary>Prints one bound: a number, <c>-inf</c> or <c>inf</c>.</summary>
    public static string FormatBound(Int128 bound) =>
        bound == PlusInfinity ? "inf" : bound == MinusInfinity ? "-inf" : bound.ToString(CultureInfo.InvariantCulture);
}
