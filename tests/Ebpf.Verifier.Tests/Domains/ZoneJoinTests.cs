using Ebpf.Testing;
using Ebpf.Verifier.Domains.Numeric;
using FsCheck;
using FsCheck.Fluent;
using Interval = Ebpf.Verifier.Domains.Numeric.Interval;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>The zone's join against the dense one: the pointwise maximum of the two closed matrices.</summary>
public sealed class ZoneJoinTests
{
    [Fact]
    public void Join_keeps_a_difference_both_sides_imply_only_through_their_bounds()
    {
        var v = ZoneProperties.Variables(new VariableFactory());
        var zero = NumericDomain.Top;
        zero.Assign(v[0], 0);
        zero.Assign(v[1], 0);
        var one = NumericDomain.Top;
        one.Assign(v[0], 1);
        one.Assign(v[1], 1);

        var joined = zero.Join(one);

        Assert.Equal(new Interval(0, 1), joined.IntervalOf(v[0]));
        Assert.True(joined.Entails(LinearConstraint.Difference(v[0], v[1], 0)), joined.ToString());
        Assert.True(joined.Entails(LinearConstraint.Difference(v[1], v[0], 0)), joined.ToString());
    }

    [Fact]
    public void Join_is_exactly_the_dense_join_of_the_closures_so_an_upper_bound_that_keeps_every_shared_difference()
    {
        var systems = from left in ZoneProperties.Constraints.ArrayOf()
                      from right in ZoneProperties.Constraints.ArrayOf()
                      select (left, right);
        var property = Prop.ForAll(systems.ToArbitrary(), test =>
        {
            var v = ZoneProperties.Variables(new VariableFactory());
            var joined = ZoneProperties.Build(v, test.left).Join(ZoneProperties.Build(v, test.right));
            var expected = DenseJoin(ZoneProperties.Closure(test.left), ZoneProperties.Closure(test.right));
            var label = $"[{string.Join(", ", test.left.Select(c => c.ToString()))}] join [{string.Join(", ", test.right.Select(c => c.ToString()))}]";
            if (expected is null)
            {
                return joined.IsBottom.Label($"{label}: both infeasible, the join says {joined}");
            }

            var mismatches = ZoneProperties.Mismatches(joined, v, expected);

            return (mismatches.Count == 0).Label($"{label}: {string.Join("; ", mismatches)}; join {joined}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d008), 5000);
    }

    /// <summary>The pointwise maximum of two closed matrices (an infeasible side contributes nothing).</summary>
    private static long[,]? DenseJoin(long[,]? left, long[,]? right)
    {
        if (left is null || right is null)
        {
            return left ?? right;
        }

        var n = ZoneProperties.Count + 1;
        var result = new long[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[i, j] = Math.Max(left[i, j], right[i, j]);
            }
        }

        return result;
    }
}
