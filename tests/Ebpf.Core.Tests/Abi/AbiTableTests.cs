using System.Collections.Immutable;
using Ebpf.Core.Abi;

namespace Ebpf.Core.Tests.Abi;

public sealed class AbiTableTests
{
    private static AbiTable Linux => AbiTable.Linux;

    [Fact]
    public void Helpers_are_found_by_number_and_by_name()
    {
        Assert.Equal("bpf_map_lookup_elem", Linux.FindHelper(HelperId.MapLookupElem)?.Name);
        Assert.Equal(HelperId.RingbufReserve, Linux.FindHelper("bpf_ringbuf_reserve")?.Id);
        Assert.Same(Linux.FindHelper(HelperId.Loop), Linux.FindHelper("bpf_loop"));
    }

    [Theory]
    [InlineData(HelperId.Unspec)]
    [InlineData(HelperId.SkbVlanPush)]
    [InlineData(-1)]
    [InlineData(100_000)]
    public void Helpers_without_a_prototype_are_not_found(int id) => Assert.Null(Linux.FindHelper(id));

    [Fact]
    public void Program_types_are_found_by_Linux_number_by_plain_number_and_by_name()
    {
        var xdp = Linux.FindProgramType(ProgramType.Xdp);
        Assert.NotNull(xdp);
        Assert.Equal("xdp", xdp.Name);
        Assert.Same(xdp, Linux.FindProgramType(6));
        Assert.Same(xdp, Linux.FindProgramType("xdp"));
        Assert.Equal("socket_filter", Linux.FindProgramType(ProgramType.SocketFilter)?.Name);
        Assert.Equal("cgroup_sock_addr", Linux.FindProgramType(ProgramType.CgroupSockAddr)?.Name);
    }

    [Fact]
    public void Programs_without_a_type_are_raw()
    {
        var raw = Linux.FindProgramType(ProgramType.Unspecified);
        Assert.NotNull(raw);
        Assert.Equal("raw", raw.Name);
        Assert.True(raw.Context.IsMemoryBlock);
    }

    [Theory]
    [InlineData(ProgramType.LwtIn)]
    [InlineData(ProgramType.CgroupDevice)]
    [InlineData(ProgramType.Netfilter)]
    public void Unsupported_program_types_are_not_found(ProgramType type) => Assert.Null(Linux.FindProgramType(type));

    [Fact]
    public void Every_Linux_map_type_has_its_bpftool_name()
    {
        foreach (var type in Enum.GetValues<MapType>().Where(t => t != MapType.Unspecified))
        {
            Assert.NotNull(Linux.FindMapType(type));
        }

        Assert.Equal("lru_hash", Linux.FindMapType(MapType.LruHash)?.Name);
        Assert.Equal("ringbuf", Linux.FindMapType(27)?.Name);
        Assert.Null(Linux.FindMapType(MapType.Unspecified));
    }

    [Fact]
    public void Every_helper_a_program_type_allows_has_a_prototype()
    {
        foreach (var type in Linux.ProgramTypes)
        {
            Assert.All(type.Helpers, id => Assert.NotNull(Linux.FindHelper(id)));
        }
    }

    [Fact]
    public void Unknown_program_types_may_call_nothing() =>
        Assert.False(Linux.IsHelperAllowed(ProgramType.LwtIn, HelperId.MapLookupElem));

    [Fact]
    public void A_table_with_its_own_numbering_is_one_more_instance()
    {
        // eBPF for Windows numbers BPF_PROG_TYPE_BIND 2 and its map lookup helper 1; the engines see only the table.
        var lookup = new HelperPrototype(1, "bpf_map_lookup_elem", HelperReturnKind.PointerToMapValueOrNull,
            [new(HelperArgumentKind.ConstMapPointer), new(HelperArgumentKind.PointerToMapKey)]);
        var bind = new ProgramTypeDescriptor("bind", 2, ContextLayout.MemoryBlock, [1], new ReturnValueRule(new ValueRange(0, 2), []));
        var windows = new AbiTable("windows", [bind], [lookup], [new MapTypeDescriptor("hash", 1)]);

        Assert.Same(bind, windows.FindProgramType(2));
        Assert.True(windows.IsHelperAllowed(2, 1));
        Assert.Equal("bpf_map_lookup_elem", windows.FindHelper(1)?.Name);
        Assert.Equal("socket_filter", AbiTable.Linux.FindProgramType(ProgramType.SocketFilter)?.Name);
    }

    [Fact]
    public void A_table_refuses_two_helpers_with_one_number()
    {
        var a = new HelperPrototype(1, "bpf_a", HelperReturnKind.Integer, []);
        var b = new HelperPrototype(1, "bpf_b", HelperReturnKind.Integer, []);
        Assert.Throws<ArgumentException>(() => new AbiTable("test", [], [a, b], []));
    }

    [Fact]
    public void A_table_refuses_a_program_type_that_allows_an_unknown_helper()
    {
        var type = new ProgramTypeDescriptor("t", 1, ContextLayout.MemoryBlock, [42], new ReturnValueRule(null, []));
        Assert.Throws<ArgumentException>(() => new AbiTable("test", [type], [], []));
    }

    [Fact]
    public void A_table_refuses_a_helper_with_six_arguments()
    {
        var six = new HelperPrototype(1, "bpf_six", HelperReturnKind.Integer, [.. Enumerable.Repeat(new HelperArgument(HelperArgumentKind.Anything), 6)]);
        Assert.Throws<ArgumentException>(() => new AbiTable("test", [], [six], []));
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(6, 4)]
    public void A_table_refuses_context_fields_that_overlap_or_overflow(int secondOffset, int secondSize)
    {
        ContextField Field(string name, int offset, int size) => new(name, offset, size, ContextFieldKind.Scalar, AccessSizes.Word, AccessSizes.None);
        var context = new ContextLayout("struct t", 8, [Field("a", 0, 4), Field("b", secondOffset, secondSize)]);
        var type = new ProgramTypeDescriptor("t", 1, context, ImmutableSortedSet<int>.Empty, new ReturnValueRule(null, []));
        Assert.Throws<ArgumentException>(() => new AbiTable("test", [type], [], []));
    }
}
