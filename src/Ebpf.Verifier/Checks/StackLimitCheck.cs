using Ebpf.Core.Diagnostics;
using Ebpf.Verifier.Cfg;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Transfer;

namespace Ebpf.Verifier.Checks;

/// <summary>
/// Linux's combined stack limit: along every call chain, the frames' stack use (each rounded up to 32 bytes, as the
/// kernel's <c>check_max_stack_depth</c> does) adds up to at most 512 bytes.
/// </summary>
internal static class StackLimitCheck
{
    /// <summary>Linux's <c>MAX_BPF_STACK</c>.</summary>
    public const int Limit = AbstractState.FrameSize;

    /// <summary>Reports the first call chain whose frames exceed the limit, at its innermost call.</summary>
    public static void Run(ControlFlowGraph graph, int[] depthByFunction, ProblemSink problems)
    {
        foreach (var context in graph.Contexts)
        {
            var total = 0;
            var chain = new List<string>();
            for (var c = context; ; c = graph.Contexts[c.Parent])
            {
                var used = RoundUp(depthByFunction[c.Function]);
                total += used;
                chain.Add($"{graph.Functions[c.Function].Name} ({used})");
                if (c.Parent < 0)
                {
                    break;
                }
            }

            if (total > Limit && context.Depth > 0)
            {
                chain.Reverse();
                problems.Report(DiagnosticCode.StackTooLarge, context.CallSites[^1],
                    $"the call chain {string.Join(" -> ", chain)} uses {total} bytes of stack; Linux allows {Limit} for all frames together");
                return;
            }
        }
    }

    private static int RoundUp(int bytes) => (Math.Max(bytes, 1) + 31) / 32 * 32;
}
