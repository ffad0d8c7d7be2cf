namespace Ebpf.Core.Abi;

/// <summary>
/// eBPF for Windows' program type numbers (<c>enum bpf_prog_type</c> in its <c>ebpf_structs.h</c>), which overlap
/// Linux's with other meanings: 2 is <c>BPF_PROG_TYPE_BIND</c> there and <c>BPF_PROG_TYPE_KPROBE</c> on Linux.
/// A <see cref="Specs.ProgramSpec"/> of <see cref="AbiPlatform.Windows"/> holds these numbers in its type.
/// </summary>
public static class WindowsProgramType
{
    /// <summary><c>BPF_PROG_TYPE_XDP</c>: a received frame on an <c>xdp_md_t</c> with 64-bit pointers; section <c>xdp</c>.</summary>
    public const int Xdp = 1;

    /// <summary><c>BPF_PROG_TYPE_BIND</c>: a socket's <c>bind</c>, on a <c>bind_md</c>; section <c>bind</c>.</summary>
    public const int Bind = 2;

    /// <summary>
    /// <c>BPF_PROG_TYPE_CGROUP_SOCK_ADDR</c>: a connection's connect or receive/accept, on Windows' own
    /// <c>bpf_sock_addr_t</c>; sections <c>cgroup/connect4</c>, <c>cgroup/connect6</c>, <c>cgroup/recv_accept4</c>,
    /// <c>cgroup/recv_accept6</c>.
    /// </summary>
    public const int CgroupSockAddr = 3;

    /// <summary><c>BPF_PROG_TYPE_SOCK_OPS</c> (not supported here yet).</summary>
    public const int SockOps = 4;

    /// <summary><c>BPF_PROG_TYPE_XDP_TEST</c>: netebpfext's test XDP hook, on the same <c>xdp_md_t</c>; section <c>xdp_test</c>.</summary>
    public const int XdpTest = 998;
}
