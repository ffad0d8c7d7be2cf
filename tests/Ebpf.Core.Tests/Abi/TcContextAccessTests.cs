using Ebpf.Core.Abi;

namespace Ebpf.Core.Tests.Abi;

/// <summary>
/// tc and raw tracepoint context rules against the kernel's <c>tc_cls_act_is_valid_access</c>,
/// <c>bpf_skb_is_valid_access</c> and <c>bpf_tracing_ctx_access</c> (net/core/filter.c, include/linux/bpf.h).
/// </summary>
public sealed class TcContextAccessTests
{
    private static ContextLayout Context(ProgramType type) => AbiTable.Linux.FindProgramType(type)!.Context;

    [Theory]
    [InlineData(ProgramType.SchedCls)]
    [InlineData(ProgramType.SchedAct)]
    public void Tc_programs_read_the_packet_directly_as_whole_words(ProgramType type)
    {
        var context = Context(type);
        Assert.Equal(ContextFieldKind.PacketStart, context.Field("data")?.Kind);
        Assert.True(context.Allows(76, 4, false, null));
        Assert.False(context.Allows(76, 2, false, null));
        Assert.True(context.Allows(80, 4, false, null));
        Assert.True(context.Allows(140, 4, false, null));
        Assert.False(context.Allows(76, 4, true, null));
    }

    [Theory]
    [InlineData(8)]   // mark
    [InlineData(12)]  // queue_mapping
    [InlineData(32)]  // priority
    [InlineData(44)]  // tc_index
    [InlineData(72)]  // tc_classid
    public void Tc_programs_write_the_fields_the_kernel_lets_them_write_as_whole_words(int offset)
    {
        var context = Context(ProgramType.SchedCls);
        Assert.True(context.Allows(offset, 4, true, null));
        Assert.False(context.Allows(offset, 2, true, null));
        Assert.True(context.Allows(offset + 2, 2, false, null));
    }

    [Fact]
    public void Tc_programs_may_not_write_the_length_protocol_or_hash()
    {
        var context = Context(ProgramType.SchedCls);
        Assert.False(context.Allows(0, 4, true, null));
        Assert.False(context.Allows(16, 4, true, null));
        Assert.False(context.Allows(68, 4, true, null));
        Assert.True(context.Allows(48, 8, true, null));
        Assert.True(context.Allows(49, 1, true, null));
    }

    [Fact]
    public void Tc_programs_see_no_socket_addresses_and_read_timestamps_as_64_bits()
    {
        var context = Context(ProgramType.SchedCls);
        Assert.False(context.Allows(88, 4, false, null));
        Assert.False(context.Allows(92, 4, false, null));
        Assert.False(context.Allows(136, 4, false, null));
        Assert.True(context.Allows(152, 8, true, null));
        Assert.False(context.Allows(152, 4, false, null));
        Assert.True(context.Allows(184, 8, false, null));
        Assert.False(context.Allows(184, 8, true, null));
        Assert.True(context.Allows(180, 1, false, null));
        Assert.False(context.Allows(181, 1, false, null));
        Assert.False(context.Allows(144, 8, false, null));
    }

    [Fact]
    public void Socket_filters_are_denied_what_tc_programs_get()
    {
        var filter = Context(ProgramType.SocketFilter);
        Assert.False(filter.Allows(76, 4, false, null));
        Assert.False(filter.Allows(8, 4, true, null));
        Assert.False(filter.Allows(152, 8, false, null));
        Assert.False(filter.Allows(160, 4, false, null));
        Assert.True(filter.Allows(48, 4, true, null));
    }

    [Fact]
    public void Raw_tracepoints_read_up_to_twelve_arguments_and_write_none()
    {
        var context = Context(ProgramType.RawTracepoint);
        Assert.True(context.Allows(0, 8, false, null));
        Assert.True(context.Allows(88, 8, false, null));
        Assert.True(context.Allows(12, 4, false, null));
        Assert.False(context.Allows(96, 8, false, null));
        Assert.False(context.Allows(8, 8, true, null));
        Assert.Equal(0, context.SizeInHeader);
    }

    [Fact]
    public void Tc_programs_may_rewrite_checksum_and_redirect_but_socket_filters_may_not()
    {
        int[] tcOnly = [HelperId.SkbStoreBytes, HelperId.L3CsumReplace, HelperId.L4CsumReplace, HelperId.Redirect, HelperId.SkbPullData, HelperId.SkbChangeType, HelperId.GetHashRecalc];
        foreach (var helper in tcOnly)
        {
            Assert.True(AbiTable.Linux.IsHelperAllowed(ProgramType.SchedCls, helper), $"sched_cls {helper}");
            Assert.True(AbiTable.Linux.IsHelperAllowed(ProgramType.SchedAct, helper), $"sched_act {helper}");
            Assert.False(AbiTable.Linux.IsHelperAllowed(ProgramType.SocketFilter, helper), $"socket_filter {helper}");
        }

        Assert.True(AbiTable.Linux.IsHelperAllowed(ProgramType.SocketFilter, HelperId.GetSocketUid));
        Assert.False(AbiTable.Linux.IsHelperAllowed(ProgramType.SchedCls, HelperId.XdpAdjustHead));
        Assert.False(AbiTable.Linux.IsHelperAllowed(ProgramType.RawTracepoint, HelperId.SkbLoadBytes));
        Assert.True(AbiTable.Linux.IsHelperAllowed(ProgramType.RawTracepoint, HelperId.MapPushElem));
    }
}
