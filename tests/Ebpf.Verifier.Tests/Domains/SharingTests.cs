using Ebpf.Testing;
using Ebpf.Core.Isa;
using Ebpf.Verifier.Domains.Numeric;
using FsCheck;
using FsCheck.Fluent;
using Interval = Ebpf.Verifier.Domains.Numeric.Interval;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>States share storage; writing one never changes another, whatever made them (copies, joins, widenings...).</summary>
public sealed class SharingTests
{
    [Fact]
    public void Writing_one_state_of_a_pool_never_changes_the_others()
    {
        var steps =
            from kind in Gen.Choose(0, 9)
            from target in Gen.Choose(0, 7)
            from source in Gen.Choose(0, 7)
            from third in Gen.Choose(0, 7)
            from variable in Gen.Choose(0, 69)
            from other in Gen.Choose(0, 69)
            from constant in Gen.Choose(-20, 20)
            select (kind, target, source, third, variable, other, constant);
        var property = Prop.ForAll(steps.ArrayOf().ToArbitrary(), program =>
        {
            var factory = new VariableFactory();
            var variables = Enumerable.Range(0, 70).Select(i => factory.Get($"v{i}")).ToArray();
            var pool = Enumerable.Range(0, 8).Select(_ => NumericDomain.Top).ToArray();
            foreach (var (kind, target, source, third, variable, other, constant) in program)
            {
                var snapshots = pool.Select(state => state.ToString()).ToArray();
                var (x, y) = (variables[variable], variables[other]);
                var written = target;
                switch (kind)
                {
                    case 0: pool[target] = pool[source].Clone(); break;
                    case 1: pool[target] = pool[source].Join(pool[third]); break;
                    case 2: pool[target] = pool[source].Widen(pool[third]); break;
                    case 3: pool[target] = pool[source].Meet(pool[third]); break;
                    case 4: pool[target] = pool[source].Narrow(pool[third]); break;
                    case 5: pool[target].Assign(x, new Interval(constant, constant + 5)); break;
                    case 6: pool[target].Assign(x, y, constant); break;
                    case 7: pool[target].AddConstraint(LinearConstraint.Difference(x, y, constant + 10)); break;
                    case 8: pool[target].Havoc(x); break;
                    default: pool[target].Apply(Operation.Add, 64, new ValueViews(x, y), constant); break;
                }

                for (var i = 0; i < pool.Length; i++)
                {
                    if (i != written && pool[i].ToString() != snapshots[i])
                    {
                        return false.Label($"step {kind} on state {target} (from {source}) changed state {i}: {snapshots[i]} -> {pool[i]}");
                    }
                }
            }

            return true.ToProperty();
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d00b), 500);
    }
}
