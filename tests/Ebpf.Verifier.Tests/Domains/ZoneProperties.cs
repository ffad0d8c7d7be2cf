using Ebpf.Verifier.Domains.Numeric;
using FsCheck;
using FsCheck.Fluent;
using Interval = Ebpf.Verifier.Domains.Numeric.Interval;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>Random constraint systems over a few variables, and a dense Floyd–Warshall to compare with.</summary>
internal static class ZoneProperties
{
    public const int Count = 5;

    /// <summary>One constraint: <c>x - y &lt;= c</c> when Y is set, otherwise <c>x &lt;= c</c> (Upper) or <c>x &gt;= c</c>.</summary>
    internal sealed record Constraint(int X, int? Y, bool Upper, int C)
    {
        public override string ToString() => Y is int y ? $"v{X}-v{y}<={C}" : Upper ? $"v{X}<={C}" : $"v{X}>={C}";
    }

    public static readonly Gen<Constraint> Constraints =
        from x in Gen.Choose(0, Count - 1)
        from y in Gen.Choose(0, Count - 1)
        from kind in Gen.Choose(0, 3)
        from c in Gen.Choose(-30, 30)
        select kind < 2 && x != y ? new Constraint(x, y, true, c) : new Constraint(x, null, kind != 3, c);

    /// <summary>A point and constraints it satisfies (each with some slack).</summary>
    public static readonly Gen<(int[] Point, Constraint[] Constraints)> SatisfiedSystems =
        from point in Gen.Choose(-20, 20).ArrayOf(Count)
        from shapes in Constraints.ArrayOf()
        from slacks in Gen.Choose(0, 4).ArrayOf(shapes.Length)
        select (point, shapes.Select((s, i) => s.Y is int y
            ? s with { C = point[s.X] - point[y] + slacks[i] }
            : s with { C = s.Upper ? point[s.X] + slacks[i] : point[s.X] - slacks[i] }).ToArray());

    public static Variable[] Variables(VariableFactory factory) =>
        Enumerable.Range(0, Count).Select(i => factory.Get($"v{i}")).ToArray();

    public static NumericDomain Build(Variable[] v, IEnumerable<Constraint> constraints)
    {
        var state = NumericDomain.Top;
        foreach (var c in constraints)
        {
            state.AddConstraint(c.Y is int y ? LinearConstraint.Difference(v[c.X], v[y], c.C)
                : c.Upper ? LinearConstraint.AtMost(v[c.X], c.C) : LinearConstraint.AtLeast(v[c.X], c.C));
        }

        return state;
    }

    /// <summary>Whether the point satisfies everything the state knows: bounds and every difference.</summary>
    public static bool Contains(NumericDomain state, Variable[] v, IReadOnlyList<long> point)
    {
        if (state.IsBottom)
        {
            return false;
        }

        for (var x = 0; x < v.Length; x++)
        {
            if (!state.IntervalOf(v[x]).Contains(point[x]))
            {
                return false;
            }

            for (var y = 0; y < v.Length; y++)
            {
                if (!state.IntervalOf(v[x], v[y]).Contains(point[x] - point[y]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The tightest bounds by dense Floyd–Warshall over the variables and a zero vertex (index Count):
    /// d[x, y] bounds x - y; null when the system is infeasible.
    /// </summary>
    public static long[,]? Closure(IEnumerable<Constraint> constraints)
    {
        const long Infinity = long.MaxValue / 4;
        var n = Count + 1;
        var d = new long[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                d[i, j] = i == j ? 0 : Infinity;
            }
        }

        foreach (var c in constraints)
        {
            var (x, y, bound) = c.Y is int other ? (c.X, other, (long)c.C) : c.Upper ? (c.X, Count, (long)c.C) : (Count, c.X, (long)-c.C);
            d[x, y] = Math.Min(d[x, y], bound);
        }

        for (var k = 0; k < n; k++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (d[i, k] < Infinity && d[k, j] < Infinity)
                    {
                        d[i, j] = Math.Min(d[i, j], d[i, k] + d[k, j]);
                    }
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (d[i, i] < 0)
            {
                return null;
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                d[i, j] = d[i, j] >= Infinity ? long.MaxValue : d[i, j];
            }
        }

        return d;
    }

    /// <summary>
    /// Where <paramref name="state"/> differs from a closed dense matrix (<see cref="Closure"/>'s form): each variable's
    /// bounds, and each difference's upper bound; empty when they agree.
    /// </summary>
    public static List<string> Mismatches(NumericDomain state, Variable[] v, long[,] expected)
    {
        var mismatches = new List<string>();
        for (var x = 0; x < Count; x++)
        {
            var bounds = new Interval(Interval.NegateBound(Bound(expected[Count, x])), Bound(expected[x, Count]));
            if (state.IntervalOf(v[x]) != bounds)
            {
                mismatches.Add($"v{x}: {state.IntervalOf(v[x])} expected {bounds}");
            }

            for (var y = 0; y < Count; y++)
            {
                var difference = Bound(expected[x, y]);
                if (x != y && state.IntervalOf(v[x], v[y]).Upper != difference)
                {
                    mismatches.Add($"v{x}-v{y}: <= {Interval.FormatBound(state.IntervalOf(v[x], v[y]).Upper)} expected {Interval.FormatBound(difference)}");
                }
            }
        }

        return mismatches;
    }

    public static Int128 Bound(long value) => value == long.MaxValue ? Interval.PlusInfinity : value;
}
