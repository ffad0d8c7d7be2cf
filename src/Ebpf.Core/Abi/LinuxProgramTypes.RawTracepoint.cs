namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// <c>BPF_PROG_TYPE_RAW_TRACEPOINT</c> on <c>struct bpf_raw_tracepoint_args</c>: the tracepoint's arguments as
    /// an array of <c>__u64</c>, at most <c>MAX_BPF_FUNC_ARGS</c> (12), read at any aligned width and never written
    /// (the kernel's <c>bpf_tracing_ctx_access</c>). The C type ends in a flexible array, so its <c>sizeof</c> is 0.
    /// Helpers: <c>raw_tp_prog_func_proto</c> over <c>bpf_tracing_func_proto</c>, restricted to helpers with a
    /// prototype here. Any return value is accepted and ignored.
    /// </summary>
    public static ProgramTypeDescriptor RawTracepoint { get; } = new(
        "raw_tracepoint",
        (int)ProgramType.RawTracepoint,
        new ContextLayout("struct bpf_raw_tracepoint_args", 96,
        [
            Scalar("args", 0, 96, AnySize),
        ]) { SizeInHeader = 0 },
        LinuxHelperSets.Base.Union(
        [
            HelperId.GetCurrentUidGid, HelperId.GetCurrentComm, HelperId.PerfEventOutput,
        ]),
        new ReturnValueRule(null, []));
}
