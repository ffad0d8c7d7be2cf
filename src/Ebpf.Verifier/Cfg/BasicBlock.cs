namespace Ebpf.Verifier.Cfg;

/// <summary>A straight run of instructions in one call context, entered only at its first and left only after its last.</summary>
internal sealed class BasicBlock
{
    /// <summary>Creates a block.</summary>
    public BasicBlock(int id, BlockKind kind, int context, int start, int last)
    {
        Id = id;
        Kind = kind;
        Context = context;
        Start = start;
        Last = last;
    }

    /// <summary>Dense index in <see cref="ControlFlowGraph.Blocks"/>.</summary>
    public int Id { get; }

    /// <summary>What the block stands for.</summary>
    public BlockKind Kind { get; }

    /// <summary>The call context (<see cref="ControlFlowGraph.Contexts"/>) this copy belongs to.</summary>
    public int Context { get; }

    /// <summary>Slot index of the first instruction.</summary>
    public int Start { get; }

    /// <summary>Slot index of the last instruction (the first slot of an <c>lddw</c>).</summary>
    public int Last { get; }

    /// <summary>Where control goes next.</summary>
    public List<Edge> Successors { get; } = [];

    /// <summary>Where control comes from: block ids, with the kind of each edge.</summary>
    public List<Edge> Predecessors { get; } = [];

    /// <inheritdoc />
    public override string ToString() => Kind == BlockKind.Code ? $"B{Id}[{Start}..{Last}]@{Context}" : $"L{Id}[{Start}]@{Context}";
}
