using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>Linux program types this platform supports; one file per type.</summary>
internal static partial class LinuxProgramTypes
{
    private const AccessSizes None = AccessSizes.None;
    private const AccessSizes Word = AccessSizes.Word;
    private const AccessSizes DoubleWord = AccessSizes.DoubleWord;
    private const AccessSizes UpToWord = AccessSizes.UpToWord;
    private const AccessSizes AnySize = AccessSizes.All;

    /// <summary>Every supported program type.</summary>
    public static ImmutableArray<ProgramTypeDescriptor> All => [Raw, SocketFilter, Kprobe, SchedCls, SchedAct, Tracepoint, Xdp, PerfEvent, SockOps, RawTracepoint, CgroupSockAddr, Tracing];

    private static ImmutableArray<int> Attach(params AttachType[] types) => [.. types.Select(t => (int)t)];

    private static ContextField Scalar(string name, int offset, int size, AccessSizes read, AccessSizes write = None) =>
        new(name, offset, size, ContextFieldKind.Scalar, read, write);

    private static ContextField Pointer(string name, int offset, int size, ContextFieldKind kind, AccessSizes read) =>
        new(name, offset, size, kind, read, None);
}
