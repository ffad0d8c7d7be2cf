using System.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Verifier.Domains.Numeric;
using Xunit.Abstractions;
using Interval = Ebpf.Verifier.Domains.Numeric.Interval;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>
/// The zone stays sparse with hundreds of variables: bounds do not turn into a dense matrix of implied
/// differences, so copies and joins cost what the program actually relates. Counts, not times, are asserted.
/// </summary>
public sealed class ScalingTests(ITestOutputHelper output)
{
    [Fact]
    public void Three_hundred_bounded_variables_with_a_few_relations_store_only_those_relations()
    {
        var variables = new VariableFactory();
        var state = NumericDomain.Top;
        var registers = Enumerable.Range(0, 150).Select(i => variables.RegisterValue(i)).ToArray();
        var packetSize = variables.Get("packet_size");
        state.Assign(packetSize, new Interval(0, 65535));
        var offsets = Enumerable.Range(0, 10).Select(i => variables.Register(i, "packet_offset")).ToArray();
        var clock = Stopwatch.StartNew();
        var states = 0;
        for (var step = 0; step < 2000; step++)
        {
            var next = state.Clone();
            var r = registers[step % registers.Length];
            next.Assign(r, (ulong)step);
            next.Apply(Operation.And, 64, r, 0xff);
            next.Apply(Operation.Add, 64, r, registers[(step + 1) % registers.Length]);
            var offset = offsets[step % offsets.Length];
            next.Assign(offset, offsets[(step + 3) % offsets.Length], step % 7);
            next.AddConstraint(LinearConstraint.Difference(offset, packetSize, -(step % 5)));
            // The analysis forgets what is dead; here a rotating offset dies.
            next.Havoc(offsets[(step + 5) % offsets.Length]);
            state = step % 3 == 0 ? state.Join(next) : next;
            states++;
        }

        clock.Stop();
        output.WriteLine($"{variables.Count} variables, {states} states, {state.StoredDifferences} stored differences, {clock.Elapsed.TotalMilliseconds:F0} ms (not asserted)");

        Assert.Equal(311, variables.Count);
        // 10 related offsets and packet_size can relate pairwise (110 differences); the 300 bounded views add none.
        Assert.InRange(state.StoredDifferences, 1, 110);
    }

    [Fact]
    public void A_copy_shares_storage_so_writing_it_leaves_the_original_unchanged()
    {
        var variables = new VariableFactory();
        var original = NumericDomain.Top;
        var (x, y) = (variables.Get("x"), variables.Get("y"));
        original.Assign(x, new Interval(0, 10));
        original.Assign(y, x, 4);
        var before = original.ToString();

        var copy = original.Clone();
        copy.Assign(y, x, 5);
        copy.Assign(x, 99);

        Assert.Equal(before, original.ToString());
        Assert.Equal(new Interval(4, 14), original.IntervalOf(y));
        Assert.Equal(Interval.Constant(99), copy.IntervalOf(x));
        Assert.Equal(new Interval(5, 15), copy.IntervalOf(y));
    }

    [Fact]
    public void Writing_the_operands_of_a_join_or_widening_leaves_the_result_unchanged()
    {
        var variables = new VariableFactory();
        var x = variables.Get("x");
        var a = NumericDomain.Top;
        a.Assign(x, new Interval(0, 10));
        var b = a.Clone();
        b.Assign(x, new Interval(0, 10));
        // A state joined with itself shares storage it owns: the case where sharing could go wrong.
        var join = a.Join(a);
        var widened = b.Widen(b);

        a.Assign(x, 50);
        b.Assign(x, 60);

        Assert.Equal(new Interval(0, 10), join.IntervalOf(x));
        Assert.Equal(new Interval(0, 10), widened.IntervalOf(x));
        join.Assign(x, 70);
        Assert.Equal(new Interval(0, 10), widened.IntervalOf(x));
    }
}
