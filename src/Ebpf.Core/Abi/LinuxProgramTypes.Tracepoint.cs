namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>The kernel's <c>PERF_MAX_TRACE_SIZE</c>: no trace event record is longer.</summary>
    public const int MaxTraceRecordSize = 8192;

    /// <summary>
    /// <c>BPF_PROG_TYPE_TRACEPOINT</c> on the raw bytes of the trace event record (the layout its
    /// <c>/sys/kernel/tracing/events/*/*/format</c> file gives). The record's length depends on the event, which the
    /// object does not name in a form the verifier can check, so reads are allowed as the kernel's
    /// <c>tp_prog_is_valid_access</c> allows them: read-only, aligned to their width, past the 8-byte common header
    /// (type, flags, preempt count, pid) and below <see cref="MaxTraceRecordSize"/>. The kernel then refuses, at attach,
    /// a program that reads past the event's record (<c>max_ctx_offset</c>); runs here get a record of the full size,
    /// zero past the event's fields. Helpers: <c>tp_prog_func_proto</c>. The return value is ignored.
    /// </summary>
    public static ProgramTypeDescriptor Tracepoint { get; } = new(
        "tracepoint",
        (int)ProgramType.Tracepoint,
        new ContextLayout("trace event record", MaxTraceRecordSize,
        [
            Scalar("common", 0, 8, None),
            Scalar("fields", 8, MaxTraceRecordSize - 8, AnySize),
        ])
        { HasHeaderType = false },
        LinuxHelperSets.TracingWithStacks.Add(HelperId.GetAttachCookie),
        new ReturnValueRule(null, []));
}
