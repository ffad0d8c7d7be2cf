namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// <c>BPF_PROG_TYPE_SOCKET_FILTER</c> on <c>struct __sk_buff</c>, as the kernel's
    /// <c>sk_filter_is_valid_access</c> allows: only the base rules of <see cref="SkBuffFields"/> (socket filters
    /// read the packet with <c>bpf_skb_load_bytes</c> or legacy packet loads). Helpers: <c>sk_filter_func_proto</c>. Any return
    /// value is accepted: it is the number of packet bytes to keep, the whole packet when it is at least its length.
    /// </summary>
    public static ProgramTypeDescriptor SocketFilter { get; } = new(
        "socket_filter",
        (int)ProgramType.SocketFilter,
        SkBuff(),
        LinuxHelperSets.SocketBase.Union(
        [
            HelperId.SkbLoadBytes, HelperId.SkbLoadBytesRelative, HelperId.GetSocketCookie, HelperId.GetSocketUid,
            HelperId.PerfEventOutput,
        ]),
        new ReturnValueRule(null,
        [
            new(0, "drop", "drop the packet"),
        ]));
}
