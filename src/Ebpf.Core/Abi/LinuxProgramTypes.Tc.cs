using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// <c>struct __sk_buff</c> as the kernel's <c>tc_cls_act_is_valid_access</c> and <c>bpf_skb_is_valid_access</c>
    /// open it to traffic-control programs: the packet pointers are read as whole <c>__u32</c>s (direct packet
    /// access), the socket addresses and ports are closed, <c>mark</c>, <c>queue_mapping</c>, <c>priority</c>,
    /// <c>tc_index</c>, <c>tc_classid</c> and <c>cb</c> are written as whole words (<c>cb</c> at any width),
    /// <c>tstamp</c> is read and written as 64 bits, <c>hwtstamp</c> only read so, <c>tstamp_type</c> read as a
    /// byte, and the other 32-bit fields read whole or narrow.
    /// </summary>
    private static ContextLayout TcSkBuff { get; } = SkBuff(
        ("mark", UpToWord, Word),
        ("queue_mapping", UpToWord, Word),
        ("priority", UpToWord, Word),
        ("tc_index", UpToWord, Word),
        ("tc_classid", UpToWord, Word),
        ("data", Word, None),
        ("data_end", Word, None),
        ("data_meta", Word, None),
        ("tstamp", DoubleWord, DoubleWord),
        ("wire_len", UpToWord, None),
        ("tstamp_type", AccessSizes.Byte, None),
        ("hwtstamp", DoubleWord, None));

    /// <summary>
    /// <c>tc_cls_act_func_proto</c>, restricted to helpers with a prototype here: the skb helpers that read, write
    /// and checksum the packet, change its type, hash and redirect it, the socket cookie and owner, plus the
    /// networking base set.
    /// </summary>
    private static ImmutableSortedSet<int> TcHelpers { get; } = LinuxHelperSets.SocketBase.Union(
    [
        HelperId.SkbStoreBytes, HelperId.SkbLoadBytes, HelperId.SkbLoadBytesRelative, HelperId.SkbPullData,
        HelperId.CsumDiff, HelperId.L3CsumReplace, HelperId.L4CsumReplace, HelperId.SkbChangeType,
        HelperId.Redirect, HelperId.GetHashRecalc, HelperId.SetHashInvalid, HelperId.PerfEventOutput,
        HelperId.GetSmpProcessorId, HelperId.GetSocketCookie, HelperId.GetSocketUid,
    ]);

    /// <summary>The tc verdicts of <c>&lt;linux/pkt_cls.h&gt;</c>; the verifier accepts any value.</summary>
    private static ReturnValueRule TcVerdicts { get; } = new(null,
    [
        new(-1, "TC_ACT_UNSPEC", "use the default action configured for the filter"),
        new(0, "TC_ACT_OK", "let the packet go on"),
        new(1, "TC_ACT_RECLASSIFY", "classify the packet again"),
        new(2, "TC_ACT_SHOT", "drop the packet"),
        new(3, "TC_ACT_PIPE", "go on with the next action"),
        new(4, "TC_ACT_STOLEN", "the packet was consumed"),
        new(5, "TC_ACT_QUEUED", "the packet was queued"),
        new(6, "TC_ACT_REPEAT", "run the action again"),
        new(7, "TC_ACT_REDIRECT", "send the packet where bpf_redirect chose"),
        new(8, "TC_ACT_TRAP", "hand the packet to the CPU"),
    ]);

    /// <summary><c>BPF_PROG_TYPE_SCHED_CLS</c>: tc classifiers (<c>SEC("tc")</c>, <c>SEC("classifier")</c>) on <c>struct __sk_buff</c>, packet at layer 2.</summary>
    public static ProgramTypeDescriptor SchedCls { get; } = new("sched_cls", (int)ProgramType.SchedCls, TcSkBuff, TcHelpers, TcVerdicts);

    /// <summary><c>BPF_PROG_TYPE_SCHED_ACT</c>: tc actions (<c>SEC("action")</c>), with the same context, helpers and verdicts as classifiers.</summary>
    public static ProgramTypeDescriptor SchedAct { get; } = new("sched_act", (int)ProgramType.SchedAct, TcSkBuff, TcHelpers, TcVerdicts);
}
