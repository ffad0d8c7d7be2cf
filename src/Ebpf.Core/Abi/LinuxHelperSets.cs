using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// The helper sets Linux's <c>*_func_proto</c> functions share, restricted to helpers with a prototype in
/// <see cref="LinuxHelpers"/>. Programs are taken to be loaded with <c>CAP_BPF</c> and <c>CAP_PERFMON</c>, so the
/// privileged tiers of <c>bpf_base_func_proto</c> are included.
/// </summary>
internal static class LinuxHelperSets
{
    /// <summary><c>bpf_base_func_proto</c> (kernel/bpf/helpers.c): what every program type may call.</summary>
    public static ImmutableSortedSet<int> Base { get; } =
    [
        // Unprivileged.
        HelperId.MapLookupElem, HelperId.MapUpdateElem, HelperId.MapDeleteElem, HelperId.MapPushElem,
        HelperId.MapPopElem, HelperId.MapPeekElem, HelperId.MapLookupPercpuElem, HelperId.GetPrandomU32,
        HelperId.GetSmpProcessorId, HelperId.GetNumaNodeId, HelperId.TailCall, HelperId.KtimeGetNs,
        HelperId.KtimeGetBootNs, HelperId.KtimeGetTaiNs, HelperId.RingbufOutput, HelperId.RingbufReserve,
        HelperId.RingbufSubmit, HelperId.RingbufDiscard, HelperId.RingbufQuery, HelperId.Strncmp,
        HelperId.GetCurrentPidTgid,

        // CAP_BPF.
        HelperId.Jiffies64, HelperId.ForEachMapElem, HelperId.Loop,

        // CAP_PERFMON.
        HelperId.TracePrintk, HelperId.ProbeReadKernel, HelperId.ProbeReadKernelStr, HelperId.Snprintf,
    ];

    /// <summary><c>bpf_sk_base_func_proto</c> (net/core/filter.c): the base of networking program types.</summary>
    public static ImmutableSortedSet<int> SocketBase { get; } = Base.Add(HelperId.KtimeGetCoarseNs);

    /// <summary>
    /// The raw program type's helpers: every helper that needs neither a packet nor a socket, that is the base
    /// set plus the process and clock helpers that networking hooks also get.
    /// </summary>
    public static ImmutableSortedSet<int> Raw { get; } = SocketBase.Union(
    [
        HelperId.GetCurrentUidGid, HelperId.GetCurrentComm, HelperId.PerfEventOutput,
    ]);

    /// <summary>
    /// <c>bpf_tracing_func_proto</c> (kernel/trace/bpf_trace.c), the base of every tracing program type: the base set
    /// plus the calling task, kernel and user memory reads and the cgroup helpers.
    /// </summary>
    public static ImmutableSortedSet<int> Tracing { get; } = Base.Union(
    [
        HelperId.GetCurrentUidGid, HelperId.GetCurrentComm, HelperId.GetCurrentTask, HelperId.CurrentTaskUnderCgroup,
        HelperId.GetCurrentCgroupId, HelperId.ProbeRead, HelperId.ProbeReadStr, HelperId.ProbeReadUser,
        HelperId.ProbeReadUserStr, HelperId.GetCurrentTaskBtf, HelperId.TaskPtRegs, HelperId.TaskStorageGet, HelperId.TaskStorageDelete,
    ]);

    /// <summary>
    /// What the probe-like types add to <see cref="Tracing"/> (<c>raw_tp_prog_func_proto</c>, <c>tp_prog_func_proto</c>,
    /// <c>pe_prog_func_proto</c>): output to a perf event array and the stack of the interrupted code.
    /// </summary>
    public static ImmutableSortedSet<int> TracingWithStacks { get; } = Tracing.Union(
    [
        HelperId.PerfEventOutput, HelperId.GetStackid, HelperId.GetStack,
    ]);
}
