using Ebpf.Core.Abi;

namespace Ebpf.Core.Tests.Abi;

/// <summary>Allowed helper sets against the kernel's <c>*_func_proto</c> functions.</summary>
public sealed class AllowedHelperTests
{
    private static readonly int[] PacketHelpers =
    [
        HelperId.XdpAdjustHead, HelperId.XdpAdjustMeta, HelperId.XdpAdjustTail, HelperId.XdpLoadBytes,
        HelperId.XdpStoreBytes, HelperId.XdpGetBuffLen, HelperId.SkbLoadBytes, HelperId.Redirect,
        HelperId.RedirectMap, HelperId.CsumDiff,
    ];

    public static TheoryData<int> PacketHelperIds => [.. PacketHelpers];

    private static bool Allowed(ProgramType type, int helper) => AbiTable.Linux.IsHelperAllowed(type, helper);

    [Fact]
    public void Xdp_may_adjust_its_packet_and_redirect_it()
    {
        Assert.True(Allowed(ProgramType.Xdp, HelperId.XdpAdjustHead));
        Assert.True(Allowed(ProgramType.Xdp, HelperId.XdpAdjustMeta));
        Assert.True(Allowed(ProgramType.Xdp, HelperId.XdpAdjustTail));
        Assert.True(Allowed(ProgramType.Xdp, HelperId.RedirectMap));
        Assert.True(Allowed(ProgramType.Xdp, HelperId.CsumDiff));
        Assert.False(Allowed(ProgramType.Xdp, HelperId.SkbLoadBytes));
    }

    [Fact]
    public void Sock_addr_programs_may_not_touch_packets_but_may_ask_about_the_process()
    {
        Assert.False(Allowed(ProgramType.CgroupSockAddr, HelperId.XdpAdjustHead));
        Assert.False(Allowed(ProgramType.CgroupSockAddr, HelperId.SkbLoadBytes));
        Assert.False(Allowed(ProgramType.CgroupSockAddr, HelperId.Redirect));
        Assert.True(Allowed(ProgramType.CgroupSockAddr, HelperId.GetCurrentPidTgid));
        Assert.True(Allowed(ProgramType.CgroupSockAddr, HelperId.GetCurrentUidGid));
        Assert.True(Allowed(ProgramType.CgroupSockAddr, HelperId.GetCurrentComm));
        Assert.True(Allowed(ProgramType.CgroupSockAddr, HelperId.GetSocketCookie));
    }

    [Fact]
    public void Socket_filters_read_the_packet_through_skb_load_bytes()
    {
        Assert.True(Allowed(ProgramType.SocketFilter, HelperId.SkbLoadBytes));
        Assert.True(Allowed(ProgramType.SocketFilter, HelperId.GetSocketCookie));
        Assert.False(Allowed(ProgramType.SocketFilter, HelperId.XdpAdjustHead));
        Assert.False(Allowed(ProgramType.SocketFilter, HelperId.CsumDiff));
        Assert.False(Allowed(ProgramType.SocketFilter, HelperId.GetCurrentComm));
    }

    [Theory]
    [MemberData(nameof(PacketHelperIds))]
    public void The_raw_type_may_not_call_packet_helpers(int helper) => Assert.False(Allowed(ProgramType.Unspecified, helper));

    [Fact]
    public void The_raw_type_may_call_map_ring_buffer_clock_and_loop_helpers()
    {
        int[] plain =
        [
            HelperId.MapLookupElem, HelperId.MapUpdateElem, HelperId.MapDeleteElem, HelperId.RingbufReserve,
            HelperId.RingbufSubmit, HelperId.KtimeGetNs, HelperId.KtimeGetCoarseNs, HelperId.Loop,
            HelperId.ForEachMapElem, HelperId.Snprintf, HelperId.TailCall, HelperId.GetCurrentComm,
        ];
        Assert.All(plain, id => Assert.True(Allowed(ProgramType.Unspecified, id), $"helper {id}"));
        Assert.False(Allowed(ProgramType.Unspecified, HelperId.GetSocketCookie));
    }

    [Fact]
    public void Every_program_type_gets_the_base_helpers()
    {
        foreach (var type in AbiTable.Linux.ProgramTypes)
        {
            Assert.True(type.CanCall(HelperId.MapLookupElem), type.Name);
            Assert.True(type.CanCall(HelperId.TailCall), type.Name);
            Assert.True(type.CanCall(HelperId.RingbufOutput), type.Name);
            Assert.True(type.CanCall(HelperId.KtimeGetNs), type.Name);
        }
    }

    [Fact]
    public void Networking_types_get_the_coarse_clock_of_bpf_sk_base_func_proto()
    {
        Assert.True(Allowed(ProgramType.Xdp, HelperId.KtimeGetCoarseNs));
        Assert.True(Allowed(ProgramType.SocketFilter, HelperId.KtimeGetCoarseNs));
        Assert.True(Allowed(ProgramType.CgroupSockAddr, HelperId.KtimeGetCoarseNs));
    }

    [Fact]
    public void Helpers_without_a_prototype_are_never_allowed() =>
        Assert.False(Allowed(ProgramType.Xdp, HelperId.FibLookup));
}
