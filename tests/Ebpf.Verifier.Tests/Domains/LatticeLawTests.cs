using Ebpf.Testing;
using Ebpf.Verifier.Domains.Numeric;
using FsCheck;
using FsCheck.Fluent;
using Interval = Ebpf.Verifier.Domains.Numeric.Interval;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>Join is an upper bound, meet a lower bound, order agrees with join, widening ends chains.</summary>
public sealed class LatticeLawTests
{
    private static readonly Gen<Interval> Intervals = Gen.Frequency(
        (1, Gen.Constant(Interval.Bottom)),
        (1, Gen.Constant(Interval.Top)),
        (6, from a in Gen.Choose(-50, 50)
            from b in Gen.Choose(-50, 50)
            from open in Gen.Choose(0, 5)
            select new Interval(open == 0 ? Interval.MinusInfinity : Math.Min(a, b), open == 1 ? Interval.PlusInfinity : Math.Max(a, b))));

    [Fact]
    public void Interval_join_meet_and_order_obey_the_lattice_laws()
    {
        var property = Prop.ForAll(Intervals.ToArbitrary(), Intervals.ToArbitrary(), (a, b) =>
        {
            var join = a.Join(b);
            var meet = a.Meet(b);
            var widened = a.Widen(b);
            return (a.LessOrEqual(join) && b.LessOrEqual(join) && meet.LessOrEqual(a) && meet.LessOrEqual(b)
                    && a.LessOrEqual(b) == (join == b || (a.IsBottom && b.IsBottom))
                    && a.LessOrEqual(widened) && b.LessOrEqual(widened)
                    && meet.LessOrEqual(a.Narrow(b)) && a.Narrow(b).LessOrEqual(a))
                .Label($"{a} {b}: join {join}, meet {meet}, widen {widened}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d008), 5000);
    }

    [Fact]
    public void Zone_join_is_an_upper_bound_and_meet_a_lower_bound_of_their_operands()
    {
        var systems = ZoneProperties.SatisfiedSystems;
        var property = Prop.ForAll(systems.ToArbitrary(), systems.ToArbitrary(), (first, second) =>
        {
            var v = ZoneProperties.Variables(new VariableFactory());
            var a = ZoneProperties.Build(v, first.Constraints);
            var b = ZoneProperties.Build(v, second.Constraints);
            var join = a.Join(b);
            var meet = a.Meet(b);
            var widened = a.Widen(b);
            var pointA = first.Point.Select(p => (long)p).ToArray();
            var pointB = second.Point.Select(p => (long)p).ToArray();
            return (a.LessOrEqual(join) && b.LessOrEqual(join) && meet.LessOrEqual(a) && meet.LessOrEqual(b)
                    && a.LessOrEqual(a) && (!a.LessOrEqual(b) || join.LessOrEqual(b))
                    && a.LessOrEqual(widened) && b.LessOrEqual(widened)
                    && ZoneProperties.Contains(join, v, pointA) && ZoneProperties.Contains(join, v, pointB)
                    && ZoneProperties.Contains(widened, v, pointA) && ZoneProperties.Contains(widened, v, pointB)
                    && meet.LessOrEqual(a.Narrow(b)) && a.Narrow(b).LessOrEqual(a))
                .Label($"a: {a}{Environment.NewLine}b: {b}{Environment.NewLine}join: {join}{Environment.NewLine}meet: {meet}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d009), 3000);
    }

    [Fact]
    public void Widening_an_increasing_chain_stabilises_within_as_many_steps_as_there_are_constraints()
    {
        var chains = ZoneProperties.SatisfiedSystems.ArrayOf(40);
        var property = Prop.ForAll(chains.ToArbitrary(), chain =>
        {
            var v = ZoneProperties.Variables(new VariableFactory());
            var current = ZoneProperties.Build(v, chain[0].Constraints);
            var widened = current;
            var increases = 0;
            foreach (var step in chain.Skip(1))
            {
                current = current.Join(ZoneProperties.Build(v, step.Constraints));
                var next = widened.Widen(current);
                if (!next.LessOrEqual(widened))
                {
                    increases++;
                }

                widened = next;
            }

            // Each strict increase drops at least one of the 2n bounds and n(n-1) differences.
            const int Constraints = (2 * ZoneProperties.Count) + (ZoneProperties.Count * (ZoneProperties.Count - 1));
            return (increases <= Constraints + 1 && current.LessOrEqual(widened)).Label($"{increases} increases, final {widened}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d00a), 100);
    }
}
