using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

internal static partial class WindowsProgramTypes
{
    /// <summary><c>sizeof(xdp_md_t)</c>: three 8-byte fields, then two 32-bit ones.</summary>
    public const int XdpContextSize = 32;

    /// <summary>
    /// <c>BPF_PROG_TYPE_XDP</c> on eBPF for Windows' <c>xdp_md_t</c> (<c>ebpf_nethooks.h</c>, and XDP for Windows'
    /// hook header that now owns it): unlike Linux's <c>struct xdp_md</c>, <c>data</c> and <c>data_end</c> are real
    /// 64-bit pointers and <c>data_meta</c> a 64-bit field its context descriptor declares as the metadata pointer,
    /// so nothing is rewritten at load; <c>ingress_ifindex</c> and <c>rx_queue_index</c> follow. The context is
    /// read-only, as there. Helpers: the general ones and the extension's own <c>bpf_xdp_adjust_head</c> (65536).
    /// Return value: <c>xdp_action_t</c>, which starts at 1; the verifier checks no range (Windows' does not), and
    /// the hook drops values it does not know.
    /// </summary>
    public static ProgramTypeDescriptor Xdp { get; } = XdpType("xdp", WindowsProgramType.Xdp, WindowsAttachType.Xdp, withRedirect: true);

    /// <summary><c>BPF_PROG_TYPE_XDP_TEST</c> (998): netebpfext's test XDP hook, the same context and helper, without redirect.</summary>
    public static ProgramTypeDescriptor XdpTest { get; } = XdpType("xdp_test", WindowsProgramType.XdpTest, WindowsAttachType.XdpTest, withRedirect: false);

    private static ProgramTypeDescriptor XdpType(string name, int id, int attachType, bool withRedirect)
    {
        ImmutableArray<NamedValue> actions =
        [
            new(1, "XDP_PASS", "pass the packet to the network stack"),
            new(2, "XDP_DROP", "drop the packet"),
            new(3, "XDP_TX", "send the packet back out of the interface it came in on"),
        ];
        return new ProgramTypeDescriptor(
            name,
            id,
            new ContextLayout("xdp_md_t", XdpContextSize,
            [
                new("data", 0, 8, ContextFieldKind.PacketStart, AccessSizes.DoubleWord, AccessSizes.None),
                new("data_end", 8, 8, ContextFieldKind.PacketEnd, AccessSizes.DoubleWord, AccessSizes.None),
                new("data_meta", 16, 8, ContextFieldKind.PacketMetaStart, AccessSizes.DoubleWord, AccessSizes.None),
                new("ingress_ifindex", 24, 4, ContextFieldKind.Scalar, AccessSizes.UpToWord, AccessSizes.None),
                new("rx_queue_index", 28, 4, ContextFieldKind.Scalar, AccessSizes.UpToWord, AccessSizes.None),
            ]),
            WindowsHelpers.General.Union(WindowsHelpers.Xdp.Select(h => h.Id)),
            new ReturnValueRule(null, withRedirect
                ? actions.Add(new(4, "XDP_REDIRECT", "send the packet where the program's redirect chose (XDP for Windows)"))
                : actions))
        {
            AttachTypes = [attachType],
            SpecificHelpers = WindowsHelpers.Xdp,
        };
    }
}
