using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// <c>BPF_PROG_TYPE_XDP</c> on <c>struct xdp_md</c>. Every field is read as a whole <c>__u32</c> and none is
    /// written (the kernel's <c>xdp_is_valid_access</c>; <c>rx_queue_index</c> is writable only for programs
    /// offloaded to a device); <c>egress_ifindex</c> is visible only to programs attached to a devmap.
    /// Helpers: <c>xdp_func_proto</c>. The verifier accepts any return value; the hook treats values past
    /// <c>XDP_REDIRECT</c> as <c>XDP_ABORTED</c>.
    /// </summary>
    public static ProgramTypeDescriptor Xdp { get; } = new(
        "xdp",
        (int)ProgramType.Xdp,
        new ContextLayout("struct xdp_md", 24,
        [
            Pointer("data", 0, 4, ContextFieldKind.PacketStart, Word),
            Pointer("data_end", 4, 4, ContextFieldKind.PacketEnd, Word),
            Pointer("data_meta", 8, 4, ContextFieldKind.PacketMetaStart, Word),
            Scalar("ingress_ifindex", 12, 4, Word),
            Scalar("rx_queue_index", 16, 4, Word),
            Scalar("egress_ifindex", 20, 4, Word) with { AttachTypes = Attach(AttachType.XdpDevmap) },
        ]),
        LinuxHelperSets.SocketBase.Union(
        [
            HelperId.PerfEventOutput, HelperId.GetSmpProcessorId, HelperId.CsumDiff, HelperId.XdpAdjustHead,
            HelperId.XdpAdjustMeta, HelperId.Redirect, HelperId.RedirectMap, HelperId.XdpAdjustTail,
            HelperId.XdpGetBuffLen, HelperId.XdpLoadBytes, HelperId.XdpStoreBytes,
        ]),
        new ReturnValueRule(null,
        [
            new(0, "XDP_ABORTED", "drop the packet and raise the xdp_exception trace event"),
            new(1, "XDP_DROP", "drop the packet"),
            new(2, "XDP_PASS", "pass the packet to the network stack"),
            new(3, "XDP_TX", "send the packet back out of the interface it came in on"),
            new(4, "XDP_REDIRECT", "send the packet where bpf_redirect or bpf_redirect_map chose"),
        ]))
    {
        AttachTypes = Attach(AttachType.Xdp, AttachType.XdpDevmap, AttachType.XdpCpumap),
    };
}
