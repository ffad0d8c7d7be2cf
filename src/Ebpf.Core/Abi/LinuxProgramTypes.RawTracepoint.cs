namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// <c>BPF_PROG_TYPE_RAW_TRACEPOINT</c> on <c>struct bpf_raw_tracepoint_args</c>: the tracepoint's arguments as
    /// an array of <c>__u64</c>, at most <c>MAX_BPF_FUNC_ARGS</c> (12), read at any aligned width and never written
    /// (the kernel's <c>bpf_tracing_ctx_access</c>). The C type ends in a flexible array, so its <c>sizeof</c> is 0.
    /// Helpers: <c>raw_tp_prog_func_proto</c> (<c>bpf_tracing_func_proto</c> with perf event output and stacks), restricted to helpers with a
    /// prototype here. Any return value is accepted and ignored.
    /// </summary>
    public static ProgramTypeDescriptor RawTracepoint { get; } = new(
        "raw_tracepoint",
        (int)ProgramType.RawTracepoint,
        TracingArguments,
        LinuxHelperSets.TracingWithStacks,
        new ReturnValueRule(null, []));

    /// <summary>
    /// An array of at most <c>MAX_BPF_FUNC_ARGS</c> (12) <c>__u64</c> arguments, read at any aligned width and never
    /// written: the context of raw tracepoints and of BTF-attached tracing programs (<c>bpf_tracing_ctx_access</c>). Built
    /// on each use, as the descriptors of other files may initialize first.
    /// </summary>
    private static ContextLayout TracingArguments => new("struct bpf_raw_tracepoint_args", 96,
    [
        Scalar("args", 0, 96, AnySize),
    ]) { SizeInHeader = 0 };
}
