namespace Ebpf.Core.Abi;

internal static partial class WindowsProgramTypes
{
    /// <summary><c>sizeof(bpf_sock_addr_t)</c>: family, two address-and-port groups of 20 bytes, protocol, compartment, LUID.</summary>
    public const int SockAddrContextSize = 64;

    /// <summary>
    /// <c>BPF_PROG_TYPE_CGROUP_SOCK_ADDR</c> on eBPF for Windows' own <c>bpf_sock_addr_t</c> (<c>ebpf_nethooks.h</c>),
    /// which is not Linux's <c>struct bpf_sock_addr</c>: each address is a union of <c>*_ip4</c> and <c>*_ip6[4]</c>
    /// (one field here, named after its wider member) followed by a 16-bit port in network order, and there is no
    /// <c>type</c> or <c>sk</c>. For connect the program sees the remote as <c>user_*</c> and the local address as
    /// <c>msg_src_*</c>; writing <c>user_ip4</c>/<c>user_ip6</c>/<c>user_port</c> and proceeding redirects the connection,
    /// as netebpfext's connect redirect layer reads them back. Only those are writable here (Windows' verifier leaves
    /// the whole context writable; nothing else is read back). Helpers: the general ones, <c>bpf_get_current_logon_id</c>
    /// and <c>bpf_is_current_admin</c>, and the type's own two (65536, 65537). Return value:
    /// <c>ebpf_sock_addr_verdict_t</c>; any other value rejects, so the verifier checks no range.
    /// </summary>
    public static ProgramTypeDescriptor CgroupSockAddr { get; } = new(
        "sock_addr",
        WindowsProgramType.CgroupSockAddr,
        new ContextLayout("bpf_sock_addr_t", SockAddrContextSize,
        [
            new("family", 0, 4, ContextFieldKind.Scalar, AccessSizes.UpToWord, AccessSizes.None),
            new("msg_src_ip6", 4, 16, ContextFieldKind.Scalar, AccessSizes.All, AccessSizes.None),
            new("msg_src_port", 20, 2, ContextFieldKind.Scalar, AccessSizes.Byte | AccessSizes.HalfWord, AccessSizes.None),
            new("user_ip6", 24, 16, ContextFieldKind.Scalar, AccessSizes.All, AccessSizes.All),
            new("user_port", 40, 2, ContextFieldKind.Scalar, AccessSizes.Byte | AccessSizes.HalfWord, AccessSizes.HalfWord),
            new("protocol", 44, 4, ContextFieldKind.Scalar, AccessSizes.UpToWord, AccessSizes.None),
            new("compartment_id", 48, 4, ContextFieldKind.Scalar, AccessSizes.UpToWord, AccessSizes.None),
            new("interface_luid", 56, 8, ContextFieldKind.Scalar, AccessSizes.All, AccessSizes.None),
        ]),
        [.. WindowsHelpers.All.Select(h => h.Id), .. WindowsHelpers.SockAddr.Select(h => h.Id)],
        new ReturnValueRule(null,
        [
            new(0, "BPF_SOCK_ADDR_VERDICT_REJECT", "the call fails (EPERM here, as a WFP block)"),
            new(1, "BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT", "the call proceeds, to user_ip/user_port as the program left them (also BPF_SOCK_ADDR_VERDICT_PROCEED)"),
            new(2, "BPF_SOCK_ADDR_VERDICT_PROCEED_HARD", "the call proceeds, as PROCEED_SOFT (a hard permit in WFP)"),
        ]))
    {
        AttachTypes =
        [
            WindowsAttachType.CgroupInet4Connect, WindowsAttachType.CgroupInet6Connect,
            WindowsAttachType.CgroupInet4RecvAccept, WindowsAttachType.CgroupInet6RecvAccept,
        ],
        SpecificHelpers = WindowsHelpers.SockAddr,
    };
}
