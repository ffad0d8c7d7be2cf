namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    private static readonly AttachType[] Inet4Hooks =
    [
        AttachType.CgroupInet4Bind, AttachType.CgroupInet4Connect, AttachType.CgroupInet4Getpeername,
        AttachType.CgroupInet4Getsockname, AttachType.CgroupUdp4Sendmsg, AttachType.CgroupUdp4Recvmsg,
    ];

    private static readonly AttachType[] Inet6Hooks =
    [
        AttachType.CgroupInet6Bind, AttachType.CgroupInet6Connect, AttachType.CgroupInet6Getpeername,
        AttachType.CgroupInet6Getsockname, AttachType.CgroupUdp6Sendmsg, AttachType.CgroupUdp6Recvmsg,
    ];

    /// <summary>
    /// <c>BPF_PROG_TYPE_CGROUP_SOCK_ADDR</c> on <c>struct bpf_sock_addr</c>: the bind, connect, sendmsg, recvmsg,
    /// getpeername and getsockname hooks of IPv4 and IPv6 sockets. As the kernel's
    /// <c>sock_addr_is_valid_access</c> allows: the IPv4 address only for IPv4 hooks and the IPv6 address only for
    /// IPv6 hooks, the message source address only for sendmsg; addresses and port are read whole or narrow
    /// (the IPv6 arrays also 8 bytes at a time) and written whole, by every hook that sees them; the family,
    /// type and protocol are read-only; <c>sk</c> is a read-only 64-bit socket pointer. Helpers:
    /// <c>sock_addr_func_proto</c> (its <c>bpf_bind</c>, <c>bpf_setsockopt</c> and socket lookups have no prototype
    /// here yet). Return value: 1 lets the call proceed, 0 fails it with <c>EPERM</c>; bind hooks may also
    /// return 3 (allow, skipping the <c>CAP_NET_BIND_SERVICE</c> check for low ports); recvmsg, getpeername and
    /// getsockname hooks must return 1. The Unix-socket hooks of Linux 6.7 are not supported.
    /// </summary>
    public static ProgramTypeDescriptor CgroupSockAddr { get; } = new(
        "cgroup_sock_addr",
        (int)ProgramType.CgroupSockAddr,
        new ContextLayout("struct bpf_sock_addr", 72,
        [
            Scalar("user_family", 0, 4, Word),
            Scalar("user_ip4", 4, 4, UpToWord, Word) with { AttachTypes = Attach(Inet4Hooks) },
            Scalar("user_ip6", 8, 16, AnySize, Word | DoubleWord) with { AttachTypes = Attach(Inet6Hooks) },
            Scalar("user_port", 24, 4, UpToWord, Word),
            Scalar("family", 28, 4, Word),
            Scalar("type", 32, 4, Word),
            Scalar("protocol", 36, 4, Word),
            Scalar("msg_src_ip4", 40, 4, UpToWord, Word) with { AttachTypes = Attach(AttachType.CgroupUdp4Sendmsg) },
            Scalar("msg_src_ip6", 44, 16, AnySize, Word | DoubleWord) with { AttachTypes = Attach(AttachType.CgroupUdp6Sendmsg) },
            Pointer("sk", 64, 8, ContextFieldKind.Socket, DoubleWord),
        ]),
        LinuxHelperSets.SocketBase.Union(
        [
            HelperId.GetCurrentUidGid, HelperId.GetSocketCookie, HelperId.PerfEventOutput,
            HelperId.GetCurrentPidTgid, HelperId.GetCurrentComm,
        ]),
        new ReturnValueRule(new ValueRange(0, 1),
        [
            new(0, "reject", "the system call fails with EPERM"),
            new(1, "allow", "the system call proceeds, with the address as the program left it"),
            new(3, "allow without capability check", "bind only: proceed, and bind a port below 1024 without CAP_NET_BIND_SERVICE"),
        ])
        {
            AttachTypeRanges =
            [
                new(Attach(AttachType.CgroupInet4Bind, AttachType.CgroupInet6Bind), new ValueRange(0, 3)),
                new(Attach(
                    AttachType.CgroupUdp4Recvmsg, AttachType.CgroupUdp6Recvmsg,
                    AttachType.CgroupInet4Getpeername, AttachType.CgroupInet6Getpeername,
                    AttachType.CgroupInet4Getsockname, AttachType.CgroupInet6Getsockname), new ValueRange(1, 1)),
            ],
        })
    {
        AttachTypes = [.. Attach(Inet4Hooks), .. Attach(Inet6Hooks)],
    };
}
