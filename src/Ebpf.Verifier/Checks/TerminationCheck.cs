using Ebpf.Core.Diagnostics;
using Ebpf.Verifier.Analysis;
using Ebpf.Verifier.Transfer;

namespace Ebpf.Verifier.Checks;

/// <summary>
/// Every loop must end. The fixpoint iterator unrolls each loop until no path goes round again; this check words the
/// two ways that can fail: an iteration that sends back to the head exactly what it started from (the loop may run
/// forever), or the instruction budget running out first.
/// </summary>
internal static class TerminationCheck
{
    /// <summary>Reports the loop whose head is instruction <paramref name="head"/> as unbounded.</summary>
    public static void Report(ProblemSink problems, int head, bool budgetExceeded) =>
        problems.Report(DiagnosticCode.UnboundedLoop, head, budgetExceeded
            ? $"the loop whose head is instruction {head} could not be shown to end within {FixpointIterator.InstructionBudget} processed instructions; bound it with a counter compared with a small constant"
            : $"the loop whose head is instruction {head} may run forever: an iteration can end in the state it started from; give it a counter compared with a constant");
}
