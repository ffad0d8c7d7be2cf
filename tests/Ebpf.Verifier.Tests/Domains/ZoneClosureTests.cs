using Ebpf.Testing;
using Ebpf.Verifier.Domains.Numeric;
using FsCheck;
using FsCheck.Fluent;
using Interval = Ebpf.Verifier.Domains.Numeric.Interval;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>The zone's incremental closure finds exactly what a dense Floyd–Warshall finds.</summary>
public sealed class ZoneClosureTests
{
    [Fact]
    public void Incremental_closure_gives_the_same_bounds_and_differences_as_Floyd_Warshall()
    {
        var property = Prop.ForAll(ZoneProperties.Constraints.ArrayOf().ToArbitrary(), constraints =>
        {
            var v = ZoneProperties.Variables(new VariableFactory());
            var state = ZoneProperties.Build(v, constraints);
            var expected = ZoneProperties.Closure(constraints);
            var system = string.Join(", ", constraints.Select(c => c.ToString()));
            if (expected is null)
            {
                return state.IsBottom.Label($"{system} is infeasible, the zone says {state}");
            }

            var mismatches = ZoneProperties.Mismatches(state, v, expected);

            return (!state.IsBottom && mismatches.Count == 0).Label($"{system}: {string.Join("; ", mismatches)}; state {state}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d006), 5000);
    }

    [Fact]
    public void Assignments_and_forgetting_keep_a_concrete_point_that_follows_the_same_steps()
    {
        var steps =
            from kind in Gen.Choose(0, 4)
            from x in Gen.Choose(0, ZoneProperties.Count - 1)
            from y in Gen.Choose(0, ZoneProperties.Count - 1)
            from c in Gen.Choose(-10, 10)
            from width in Gen.Choose(0, 3)
            select (kind, x, y, c, width);
        var cases =
            from system in ZoneProperties.SatisfiedSystems
            from program in steps.ArrayOf()
            select (system, program);
        var property = Prop.ForAll(cases.ToArbitrary(), test =>
        {
            var v = ZoneProperties.Variables(new VariableFactory());
            var state = ZoneProperties.Build(v, test.system.Constraints);
            var point = test.system.Point.Select(p => (long)p).ToArray();
            foreach (var (kind, x, y, c, width) in test.program)
            {
                switch (kind)
                {
                    case 0: // x := y + c
                        state.Assign(v[x], v[y], c);
                        point[x] = point[y] + c;
                        break;
                    case 1: // x := y + [c, c + width], taking c + width / 2 concretely
                        state.Assign(v[x], v[y], new Interval(c, c + width));
                        point[x] = point[y] + c + (width / 2);
                        break;
                    case 2: // x := c
                        state.Assign(v[x], c);
                        point[x] = c;
                        break;
                    case 3: // forget x, whose value stays whatever it was
                        state.Havoc(v[x]);
                        break;
                    default: // a constraint the point satisfies
                        state.AddConstraint(LinearConstraint.Difference(v[x], v[y], point[x] - point[y] + width));
                        break;
                }
            }

            return ZoneProperties.Contains(state, v, point).Label($"point [{string.Join(", ", point)}] not in {state}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d007), 2000);
    }
}
