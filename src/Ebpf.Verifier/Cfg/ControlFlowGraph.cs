using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;

namespace Ebpf.Verifier.Cfg;

/// <summary>
/// The program as blocks and edges, every function inlined per call chain (PREVAIL's approach): block 0 is the
/// program's entry. Problems of structure found while building it (recursion, too many frames, a function that runs
/// off its end, a callback the graph cannot name) are in <see cref="Diagnostics"/>.
/// </summary>
internal sealed class ControlFlowGraph
{
    /// <summary>Creates a graph; see <see cref="ControlFlowGraphBuilder"/>.</summary>
    public ControlFlowGraph(
        DecodedProgram program,
        ImmutableArray<FunctionInfo> functions,
        ImmutableArray<CallContext> contexts,
        ImmutableArray<BasicBlock> blocks,
        ImmutableDictionary<int, int> callbackTargets,
        ImmutableArray<Diagnostic> diagnostics)
    {
        Program = program;
        Functions = functions;
        Contexts = contexts;
        Blocks = blocks;
        CallbackTargets = callbackTargets;
        Diagnostics = diagnostics;
    }

    /// <summary>The decoded instructions.</summary>
    public DecodedProgram Program { get; }

    /// <summary>The functions: the program first, then sub-programs and callbacks.</summary>
    public ImmutableArray<FunctionInfo> Functions { get; }

    /// <summary>Every call chain that reaches a function, the program's own (id 0) first.</summary>
    public ImmutableArray<CallContext> Contexts { get; }

    /// <summary>The blocks; block 0 is the entry.</summary>
    public ImmutableArray<BasicBlock> Blocks { get; }

    /// <summary>For each callback helper call (by slot), the slot of the callback function it names.</summary>
    public ImmutableDictionary<int, int> CallbackTargets { get; }

    /// <summary>Structural problems; the program is rejected when there is any.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The entry block.</summary>
    public BasicBlock Entry => Blocks[0];
}
