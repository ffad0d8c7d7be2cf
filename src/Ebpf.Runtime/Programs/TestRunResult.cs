using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Programs;

/// <summary>The output of a test run, as Linux's <c>BPF_PROG_TEST_RUN</c> gives it.</summary>
/// <param name="ReturnValue">r0 of the last run.</param>
/// <param name="DataOut">The packet or data after the last run.</param>
/// <param name="ContextOut">The context after the last run.</param>
/// <param name="AverageNanoseconds">Wall time per run in nanoseconds, averaged over the repeats (finer than a TimeSpan tick).</param>
/// <param name="Fault">Why a run stopped early, if one did.</param>
public sealed record TestRunResult(ulong ReturnValue, byte[] DataOut, byte[] ContextOut, double AverageNanoseconds, ExecutionFault? Fault)
{
    /// <summary>For XDP, where the last run's <c>bpf_redirect</c> or <c>bpf_redirect_map</c> sent the packet; null when neither set a target.</summary>
    public XdpRedirect? Redirect { get; init; }
}
