using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa.Text;
using Ebpf.Core.Specs;

namespace Ebpf.Verifier.Tests.Checks;

/// <summary>
/// Paths that looked up different maps and meet again, as xdp-filter's programs do (an IPv4 and an IPv6 lookup share
/// the code that updates the entry): the kernel walks each path on its own; we join the two values, which is safe only
/// when every check treats the maps alike.
/// </summary>
public sealed class MapValueJoinTests
{
    private static readonly MapSpec Ipv4 = new("filter_ipv4", MapType.Hash, 8, 8, 16, MapFlags.None);
    private static readonly MapSpec Ipv6 = new("filter_ipv6", MapType.Hash, 8, 8, 16, MapFlags.None);
    private static readonly MapSpec ReadOnly = new("frozen", MapType.Hash, 8, 8, 16, MapFlags.ReadOnlyProgram);
    private static readonly MapSpec Wide = new("wide", MapType.Hash, 8, 16, 16, MapFlags.None);
    private static readonly IReadOnlyList<MapSpec> Maps = [Ipv4, Ipv6, ReadOnly, Wide];

    /// <summary>The instruction the join's access sits at in <see cref="Program"/>.</summary>
    private const int Access = 15;

    /// <summary>
    /// Looks up <paramref name="first"/> or <paramref name="second"/> (by the interface index), checks the result for
    /// null on each path (or, with <paramref name="checkAfterJoin"/>, once where they meet) and then runs <paramref name="access"/> on r0.
    /// </summary>
    private static string Program(int first, int second, string access, bool checkAfterJoin = false) => $"""
        ldxw %r6, [%r1+12]
        stdw [%r10-8], 0
        mov %r2, %r10
        add %r2, -8
        jeq %r6, 0, second
        lddw %r1, map_idx {first}
        call 1
        {(checkAfterJoin ? "ja use" : "jeq %r0, 0, out")}
        ja use
        second:
        lddw %r1, map_idx {second}
        call 1
        {(checkAfterJoin ? "ja use" : "jeq %r0, 0, out")}
        use:
        {(checkAfterJoin ? "jeq %r0, 0, out" : "ja next")}
        next:
        {access}
        out:
        mov %r0, 0
        exit
        """;

    private static VerificationResult Verify(string source)
    {
        Assert.True(Assembler.TryAssemble(source, out var slots, out var problems), string.Join(Environment.NewLine, problems));
        var program = new ProgramSpec("join", "xdp", ProgramType.Xdp, null, null, slots, [], []);
        return ProgramVerifier.Verify(program, Maps);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_value_of_either_of_two_maps_of_one_layout_may_be_written_within_the_value(bool checkAfterJoin)
    {
        var result = Verify(Program(0, 1, "stdw [%r0+0], 5", checkAfterJoin));

        Assert.True(result.IsAccepted, string.Join(Environment.NewLine, result.Diagnostics));
    }

    [Fact]
    public void A_value_of_either_of_two_maps_of_one_layout_is_still_bounded_by_the_value_size()
    {
        var result = Verify(Program(0, 1, "stdw [%r0+8], 5"));

        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCode.MapValueOutOfBounds && d.Location.InstructionIndex == Access);
    }

    [Fact]
    public void A_value_of_a_writable_or_a_read_only_map_may_not_be_written()
    {
        var result = Verify(Program(0, 2, "stdw [%r0+0], 5"));

        Assert.False(result.IsAccepted, "a store that may reach a read-only map was accepted");
        Assert.Contains(result.Diagnostics, d => d.Location.InstructionIndex == Access);
    }

    [Fact]
    public void A_value_of_an_8_or_a_16_byte_map_may_not_be_read_past_8_bytes()
    {
        var result = Verify(Program(0, 3, "ldxdw %r1, [%r0+8]"));

        Assert.False(result.IsAccepted, "a read past the smaller value was accepted");
        Assert.Contains(result.Diagnostics, d => d.Location.InstructionIndex == Access);
    }

    [Fact]
    public void The_joined_value_names_the_layout_not_a_map_it_may_not_be()
    {
        var result = Verify(Program(0, 1, "stdw [%r0+8], 5"));

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("8-byte values", StringComparison.Ordinal));
    }
}
