using System.Collections.Immutable;

namespace Ebpf.Verifier.Cfg;

/// <summary>
/// The chain of calls that leads to a copy of a function: sub-programs are inlined per call site, as PREVAIL does,
/// so each copy is analysed with the facts of its own caller and has its own frame.
/// </summary>
/// <param name="Id">Dense index of the context in the graph.</param>
/// <param name="Function">Index of the function in <see cref="ControlFlowGraph.Functions"/>.</param>
/// <param name="CallSites">The instruction of each call on the way, outermost first; empty for the program.</param>
/// <param name="IsCallback">True when the innermost call is a callback a helper makes.</param>
/// <param name="Parent">The caller's context, or -1 for the program.</param>
internal sealed record CallContext(int Id, int Function, ImmutableArray<int> CallSites, bool IsCallback, int Parent)
{
    /// <summary>Frame depth: 0 for the program, 1 for a function it calls.</summary>
    public int Depth => CallSites.Length;
}
