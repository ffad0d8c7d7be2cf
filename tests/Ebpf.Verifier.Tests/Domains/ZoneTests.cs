using Ebpf.Core.Isa;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Tests.Domains;

public sealed class ZoneTests
{
    private readonly VariableFactory _variables = new();

    private Variable Packet(int register) => _variables.Register(register, "packet_offset");

    private Variable PacketSize => _variables.Get("packet_size");

    [Fact]
    public void A_pointer_checked_against_data_end_proves_the_header_in_bounds()
    {
        // r1 = data; r2 = r1 + 14; if r2 > data_end goto out; (fall through: r2 <= data_end)
        var state = NumericDomain.Top;
        state.Assign(Packet(1), 0);
        state.Assign(PacketSize, new Interval(0, 65535));
        state.Assign(Packet(2), Packet(1), 14);
        var fallThrough = state.Clone();
        fallThrough.AddConstraint(LinearConstraint.Difference(Packet(2), PacketSize, 0));

        Assert.True(fallThrough.Entails(LinearConstraint.Difference(Packet(2), PacketSize, 0)));
        Assert.True(fallThrough.Entails(LinearConstraint.Difference(Packet(1), PacketSize, -14)));
        Assert.Equal(new Interval(14, 65535), fallThrough.IntervalOf(PacketSize));
        Assert.False(state.Entails(LinearConstraint.Difference(Packet(2), PacketSize, 0)));
    }

    [Fact]
    public void Registers_compared_with_each_other_prove_the_access_through_the_register_form_of_the_branch()
    {
        var state = NumericDomain.Top;
        var r2 = _variables.RegisterValue(2);
        var r3 = _variables.RegisterValue(3);
        state.Assign(Packet(2), 0);
        state.Assign(Packet(3), PacketSize);
        state.Assign(Packet(2), Packet(2), 14);
        // Offsets as plain variables: r2.offset <= r3.offset (= packet_size) after the branch.
        state.AddConstraint(LinearConstraint.Difference(Packet(2), Packet(3), 0));

        Assert.True(state.Entails(LinearConstraint.Difference(Packet(2), PacketSize, 0)));
        Assert.Equal(new Interval(14, Interval.PlusInfinity), state.IntervalOf(PacketSize));
        Assert.NotEqual(r2, r3);
    }

    [Fact]
    public void Closure_derives_a_chain_of_differences()
    {
        var state = NumericDomain.Top;
        var (a, b, c, d) = (_variables.Get("a"), _variables.Get("b"), _variables.Get("c"), _variables.Get("d"));
        state.AddConstraint(LinearConstraint.Difference(a, b, 1));
        state.AddConstraint(LinearConstraint.Difference(c, d, 3));
        state.AddConstraint(LinearConstraint.Difference(b, c, 2));

        Assert.True(state.Entails(LinearConstraint.Difference(a, d, 6)));
        Assert.False(state.Entails(LinearConstraint.Difference(a, d, 5)));
        Assert.Equal(new Interval(Interval.MinusInfinity, 6), state.IntervalOf(a, d));
        state.AddConstraint(LinearConstraint.AtLeast(a, 10));
        Assert.Equal(new Interval(4, Interval.PlusInfinity), state.IntervalOf(d));
    }

    [Fact]
    public void A_negative_cycle_is_bottom()
    {
        var state = NumericDomain.Top;
        var (x, y) = (_variables.Get("x"), _variables.Get("y"));
        state.AddConstraint(LinearConstraint.Difference(x, y, 2));
        state.AddConstraint(LinearConstraint.Difference(y, x, -3));

        Assert.True(state.IsBottom);
    }

    [Fact]
    public void A_loop_counter_bounded_by_a_branch_stays_bounded_after_widening_and_narrowing()
    {
        // i = 0; loop: if i >= 10 goto out; i += 1; goto loop
        var i = _variables.RegisterValue(1);
        var entry = NumericDomain.Top;
        entry.Assign(i, 0UL);
        var head = entry.Clone();
        for (var round = 0; round < 10; round++)
        {
            var body = head.Clone();
            body.Assume(Operation.Jge, i, 10, is32: false, taken: false);
            body.Apply(Operation.Add, 64, i, 1);
            var next = head.Widen(entry.Join(body));
            if (next.LessOrEqual(head))
            {
                break;
            }

            head = next;
        }

        var again = head.Clone();
        again.Assume(Operation.Jge, i, 10, is32: false, taken: false);
        again.Apply(Operation.Add, 64, i, 1);
        head = head.Narrow(entry.Join(again));

        Assert.Equal(new Interval(0, 10), head.IntervalOf(i.Unsigned));
        var exit = head.Clone();
        exit.Assume(Operation.Jge, i, 10, is32: false);
        Assert.Equal(Interval.Constant(10), exit.IntervalOf(i.Unsigned));
        Assert.Equal(Interval.Constant(10), exit.IntervalOf(i.Signed));
    }

    [Fact]
    public void Facts_are_listed_by_name_then_differences()
    {
        var state = NumericDomain.Top;
        var r1 = _variables.RegisterValue(1);
        state.Assign(r1, 14UL);
        state.Assign(Packet(2), Packet(1), 4);
        state.AddConstraint(LinearConstraint.Difference(Packet(2), PacketSize, -4));

        Assert.Equal(
            ["r1.svalue=[14, 14]", "r1.uvalue=[14, 14]", "r1.packet_offset-r2.packet_offset<=-4", "r2.packet_offset-packet_size<=-4",
             "r2.packet_offset-r1.packet_offset<=4"],
            state.Facts().Where(fact => !fact.StartsWith("r1.packet_offset-packet_size", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void A_branch_on_an_unknown_register_lists_only_what_it_learned()
    {
        var state = NumericDomain.Top;
        var r1 = _variables.RegisterValue(1);
        state.Assume(Operation.Jgt, r1, 5, is32: false);

        // An unsigned view above 2^63 reads as every signed value: nothing to print for it.
        Assert.Equal(["r1.uvalue=[6, inf]"], state.Facts());
        // Negative values (above 2^63 unsigned) pass both tests, so the views stay apart...
        state.Assume(Operation.Jsle, r1, 100, is32: false);
        Assert.Equal(["r1.svalue=[-inf, 100]", "r1.uvalue=[6, inf]"], state.Facts());
        // ... until the sign is known.
        state.Assume(Operation.Jsge, r1, 0, is32: false);
        Assert.Equal(["r1.svalue=[6, 100]", "r1.uvalue=[6, 100]"], state.Facts());
    }
}
