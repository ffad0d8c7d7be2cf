using Ebpf.Core.Abi;

namespace Ebpf.Core.Tests.Abi;

/// <summary>Context access rules against the kernel's <c>*_is_valid_access</c> callbacks.</summary>
public sealed class ContextAccessTests
{
    private static ProgramTypeDescriptor Type(ProgramType type) => AbiTable.Linux.FindProgramType(type)!;

    private static bool Reads(ProgramType type, int offset, int size, AttachType? attach = null) =>
        Type(type).Context.Allows(offset, size, isWrite: false, (int?)attach);

    private static bool Writes(ProgramType type, int offset, int size, AttachType? attach = null) =>
        Type(type).Context.Allows(offset, size, isWrite: true, (int?)attach);

    [Fact]
    public void Xdp_packet_pointers_are_read_only_words()
    {
        var context = Type(ProgramType.Xdp).Context;
        Assert.Equal(ContextFieldKind.PacketStart, context.Field("data")?.Kind);
        Assert.Equal(ContextFieldKind.PacketEnd, context.Field("data_end")?.Kind);
        Assert.Equal(ContextFieldKind.PacketMetaStart, context.Field("data_meta")?.Kind);
        Assert.True(Reads(ProgramType.Xdp, 0, 4));
        Assert.False(Reads(ProgramType.Xdp, 0, 2));
        Assert.False(Reads(ProgramType.Xdp, 0, 8));
        Assert.False(Writes(ProgramType.Xdp, 4, 4));
        Assert.False(Reads(ProgramType.Xdp, 24, 4));
    }

    [Fact]
    public void Xdp_egress_ifindex_is_visible_to_devmap_programs_only()
    {
        Assert.False(Reads(ProgramType.Xdp, 20, 4));
        Assert.False(Reads(ProgramType.Xdp, 20, 4, AttachType.Xdp));
        Assert.True(Reads(ProgramType.Xdp, 20, 4, AttachType.XdpDevmap));
        Assert.True(Reads(ProgramType.Xdp, 12, 4));
    }

    [Theory]
    [InlineData(AttachType.CgroupInet4Bind)]
    [InlineData(AttachType.CgroupInet4Connect)]
    [InlineData(AttachType.CgroupUdp4Sendmsg)]
    public void Ipv4_hooks_read_the_address_narrowly_and_write_it_whole(AttachType attach)
    {
        Assert.True(Reads(ProgramType.CgroupSockAddr, 4, 4, attach));
        Assert.True(Reads(ProgramType.CgroupSockAddr, 5, 1, attach));
        Assert.True(Reads(ProgramType.CgroupSockAddr, 6, 2, attach));
        Assert.True(Writes(ProgramType.CgroupSockAddr, 4, 4, attach));
        Assert.False(Writes(ProgramType.CgroupSockAddr, 4, 2, attach));
        Assert.True(Writes(ProgramType.CgroupSockAddr, 24, 4, attach));
        Assert.False(Reads(ProgramType.CgroupSockAddr, 8, 4, attach));
    }

    [Fact]
    public void Ipv6_hooks_see_the_ipv6_address_also_eight_bytes_at_a_time()
    {
        var bind6 = AttachType.CgroupInet6Bind;
        Assert.False(Reads(ProgramType.CgroupSockAddr, 4, 4, bind6));
        Assert.True(Reads(ProgramType.CgroupSockAddr, 8, 8, bind6));
        Assert.True(Reads(ProgramType.CgroupSockAddr, 16, 8, bind6));
        Assert.False(Reads(ProgramType.CgroupSockAddr, 12, 8, bind6));
        Assert.True(Writes(ProgramType.CgroupSockAddr, 20, 4, bind6));
        Assert.True(Writes(ProgramType.CgroupSockAddr, 8, 8, bind6));
        Assert.True(Reads(ProgramType.CgroupSockAddr, 13, 1, bind6));
    }

    [Fact]
    public void The_message_source_address_belongs_to_sendmsg_hooks()
    {
        Assert.True(Writes(ProgramType.CgroupSockAddr, 40, 4, AttachType.CgroupUdp4Sendmsg));
        Assert.False(Reads(ProgramType.CgroupSockAddr, 40, 4, AttachType.CgroupInet4Connect));
        Assert.True(Reads(ProgramType.CgroupSockAddr, 48, 8, AttachType.CgroupUdp6Sendmsg));
        Assert.False(Reads(ProgramType.CgroupSockAddr, 44, 8, AttachType.CgroupUdp6Sendmsg));
        Assert.False(Reads(ProgramType.CgroupSockAddr, 44, 4, AttachType.CgroupUdp6Recvmsg));
    }

    [Fact]
    public void Sock_addr_family_type_protocol_and_socket_are_read_only()
    {
        var connect4 = AttachType.CgroupInet4Connect;
        foreach (var offset in new[] { 0, 28, 32, 36 })
        {
            Assert.True(Reads(ProgramType.CgroupSockAddr, offset, 4, connect4));
            Assert.False(Reads(ProgramType.CgroupSockAddr, offset, 2, connect4));
            Assert.False(Writes(ProgramType.CgroupSockAddr, offset, 4, connect4));
        }

        Assert.True(Reads(ProgramType.CgroupSockAddr, 64, 8, connect4));
        Assert.False(Reads(ProgramType.CgroupSockAddr, 64, 4, connect4));
        Assert.False(Writes(ProgramType.CgroupSockAddr, 64, 8, connect4));
        Assert.Equal(ContextFieldKind.Socket, Type(ProgramType.CgroupSockAddr).Context.Field("sk")?.Kind);
    }

    [Fact]
    public void Socket_filters_write_only_cb_and_read_scalars_narrowly()
    {
        Assert.True(Reads(ProgramType.SocketFilter, 0, 4));
        Assert.True(Reads(ProgramType.SocketFilter, 2, 2));
        Assert.False(Writes(ProgramType.SocketFilter, 8, 4));
        Assert.True(Writes(ProgramType.SocketFilter, 48, 4));
        Assert.True(Writes(ProgramType.SocketFilter, 56, 8));
        Assert.True(Writes(ProgramType.SocketFilter, 67, 1));
        Assert.False(Writes(ProgramType.SocketFilter, 64, 8));
        Assert.True(Reads(ProgramType.SocketFilter, 168, 8));
        Assert.Equal(ContextFieldKind.SocketCommonOrNull, Type(ProgramType.SocketFilter).Context.Field("sk")?.Kind);
    }

    [Theory]
    [InlineData(72)]
    [InlineData(76)]
    [InlineData(80)]
    [InlineData(88)]
    [InlineData(140)]
    [InlineData(152)]
    [InlineData(180)]
    [InlineData(181)]
    [InlineData(184)]
    public void Socket_filters_may_not_read_packet_pointers_addresses_timestamps_or_padding(int offset) =>
        Assert.False(Reads(ProgramType.SocketFilter, offset, 1) || Reads(ProgramType.SocketFilter, offset & ~3, 4));

    [Fact]
    public void The_raw_context_is_a_block_of_memory()
    {
        var raw = Type(ProgramType.Unspecified);
        Assert.True(raw.Context.IsMemoryBlock);
        Assert.Empty(raw.Context.Fields);
        Assert.True(raw.Context.Allows(1000, 8, isWrite: true, null));
    }

    [Fact]
    public void Xdp_verdicts_are_named_and_unchecked()
    {
        var rule = Type(ProgramType.Xdp).ReturnValue;
        Assert.Null(rule.RangeFor(null));
        Assert.Equal(["XDP_ABORTED", "XDP_DROP", "XDP_PASS", "XDP_TX", "XDP_REDIRECT"], rule.Values.OrderBy(v => v.Value).Select(v => v.Name));
        Assert.Equal(2, rule.Values.Single(v => v.Name == "XDP_PASS").Value);
    }

    [Fact]
    public void Sock_addr_return_ranges_depend_on_the_hook()
    {
        var rule = Type(ProgramType.CgroupSockAddr).ReturnValue;
        Assert.Equal(new ValueRange(0, 1), rule.RangeFor((int)AttachType.CgroupInet4Connect));
        Assert.Equal(new ValueRange(0, 3), rule.RangeFor((int)AttachType.CgroupInet6Bind));
        Assert.Equal(new ValueRange(1, 1), rule.RangeFor((int)AttachType.CgroupUdp4Recvmsg));
        Assert.Equal(new ValueRange(1, 1), rule.RangeFor((int)AttachType.CgroupInet6Getsockname));
        Assert.Equal("allow", rule.Find(1)?.Name);
    }

    [Fact]
    public void Socket_filters_and_raw_programs_may_return_anything()
    {
        Assert.Null(Type(ProgramType.SocketFilter).ReturnValue.RangeFor(null));
        Assert.Null(Type(ProgramType.Unspecified).ReturnValue.RangeFor(null));
    }
}
