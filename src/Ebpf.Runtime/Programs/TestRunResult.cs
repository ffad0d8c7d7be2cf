using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Programs;

/// <summary>The output of a test run, as Linux's <c>BPF_PROG_TEST_RUN</c> gives it.</summary>
/// <param name="ReturnValue">r0 of the last run.</param>
/// <param name="DataOut">The packet or data after the last run.</param>
/// <param name="ContextOut">The context after the last run.</param>
/// <param name="AverageDuration">Wall time per run, averaged over the repeats.</param>
/// <param name="Fault">Why a run stopped early, if one did.</param>
public sealed record TestRunResult(ulong ReturnValue, byte[] DataOut, byte[] ContextOut, TimeSpan AverageDuration, ExecutionFault? Fault);
