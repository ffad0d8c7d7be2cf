namespace Ebpf.Core.Abi;

/// <summary>
/// eBPF for Windows' attach type numbers (<c>enum bpf_attach_type</c> in its <c>ebpf_structs.h</c>), which a Windows
/// <see cref="Specs.ProgramSpec.ExpectedAttachType"/> holds: they are not Linux's (<c>BPF_CGROUP_INET4_CONNECT</c> is 3
/// there and 10 on Linux).
/// </summary>
public static class WindowsAttachType
{
    /// <summary><c>BPF_XDP</c>: section <c>xdp</c>.</summary>
    public const int Xdp = 1;

    /// <summary><c>BPF_ATTACH_TYPE_BIND</c>: section <c>bind</c>.</summary>
    public const int Bind = 2;

    /// <summary><c>BPF_CGROUP_INET4_CONNECT</c>: an IPv4 TCP connect or UDP send to a new remote; section <c>cgroup/connect4</c>.</summary>
    public const int CgroupInet4Connect = 3;

    /// <summary><c>BPF_CGROUP_INET6_CONNECT</c>: section <c>cgroup/connect6</c>.</summary>
    public const int CgroupInet6Connect = 4;

    /// <summary><c>BPF_CGROUP_INET4_RECV_ACCEPT</c>: an IPv4 TCP accept or first UDP datagram from a new remote; section <c>cgroup/recv_accept4</c>.</summary>
    public const int CgroupInet4RecvAccept = 5;

    /// <summary><c>BPF_CGROUP_INET6_RECV_ACCEPT</c>: section <c>cgroup/recv_accept6</c>.</summary>
    public const int CgroupInet6RecvAccept = 6;

    /// <summary><c>BPF_XDP_TEST</c>: section <c>xdp_test</c>.</summary>
    public const int XdpTest = 9;
}
