namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// <c>BPF_PROG_TYPE_SOCK_OPS</c> on <c>struct bpf_sock_ops</c>: called at TCP events (<c>op</c>) of sockets in a
    /// cgroup. As the kernel's <c>sock_ops_is_valid_access</c> allows: every field is read as a whole 32-bit word
    /// (the arrays a word at a time), the 64-bit counters and pointers as 8 bytes, <c>skb_tcp_flags</c> also narrow;
    /// only <c>reply</c> (the first word of the <c>args</c>/<c>reply</c>/<c>replylong</c> union) and
    /// <c>sk_txhash</c> are written, whole. The union is described as <c>reply</c> and the three words after it, as
    /// the kernel tells them apart by offset. <c>sk</c> is a socket or null, <c>skb_data</c> and <c>skb_data_end</c>
    /// bound the packet of the events that have one. Helpers: <c>sock_ops_func_proto</c> restricted to helpers with a
    /// prototype here. <c>skb_hwtstamp</c> (Linux 6.2) is left out, as the headers this table is checked against
    /// predate it: programs that read it are refused. Return value: 1 for success, 0 for failure, as the kernel's default range.
    /// </summary>
    public static ProgramTypeDescriptor SockOps { get; } = new(
        "sock_ops",
        (int)ProgramType.SockOps,
        new ContextLayout("struct bpf_sock_ops", 216,
        [
            Scalar("op", 0, 4, Word),
            Scalar("reply", 4, 4, Word, Word),
            Scalar("args[1]", 8, 4, Word),
            Scalar("args[2]", 12, 4, Word),
            Scalar("args[3]", 16, 4, Word),
            .. SockOpsWords(20, "family", "remote_ip4", "local_ip4"),
            Scalar("remote_ip6", 32, 16, Word),
            Scalar("local_ip6", 48, 16, Word),
            .. SockOpsWords(64,
                "remote_port", "local_port", "is_fullsock", "snd_cwnd", "srtt_us", "bpf_sock_ops_cb_flags", "state",
                "rtt_min", "snd_ssthresh", "rcv_nxt", "snd_nxt", "snd_una", "mss_cache", "ecn_flags", "rate_delivered",
                "rate_interval_us", "packets_out", "retrans_out", "total_retrans", "segs_in", "data_segs_in", "segs_out",
                "data_segs_out", "lost_out", "sacked_out"),
            Scalar("sk_txhash", 164, 4, Word, Word),
            Scalar("bytes_received", 168, 8, DoubleWord),
            Scalar("bytes_acked", 176, 8, DoubleWord),
            Pointer("sk", 184, 8, ContextFieldKind.SocketCommonOrNull, DoubleWord),
            Pointer("skb_data", 192, 8, ContextFieldKind.PacketStart, DoubleWord),
            Pointer("skb_data_end", 200, 8, ContextFieldKind.PacketEnd, DoubleWord),
            Scalar("skb_len", 208, 4, Word),
            Scalar("skb_tcp_flags", 212, 4, UpToWord),
        ]),
        LinuxHelperSets.SocketBase.Union(
        [
            HelperId.SockOpsCbFlagsSet, HelperId.GetSocketCookie, HelperId.PerfEventOutput,
        ]),
        new ReturnValueRule(new ValueRange(0, 1),
        [
            new(0, "failure", "the operation reports failure (for the callbacks that read a result)"),
            new(1, "success", "the operation proceeds"),
        ]))
    {
        AttachTypes = Attach(AttachType.CgroupSockOps),
    };

    private static IEnumerable<ContextField> SockOpsWords(int offset, params string[] names) =>
        names.Select((name, i) => Scalar(name, offset + 4 * i, 4, Word));
}
