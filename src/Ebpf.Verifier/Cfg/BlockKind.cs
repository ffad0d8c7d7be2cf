namespace Ebpf.Verifier.Cfg;

/// <summary>What a block of the control-flow graph stands for.</summary>
internal enum BlockKind : byte
{
    /// <summary>Instructions of the program.</summary>
    Code,

    /// <summary>
    /// The loop a callback helper (<c>bpf_loop</c>, <c>bpf_for_each_map_elem</c>) runs: the callback runs any number of
    /// times, then the helper returns. It holds no instruction of its own; <see cref="BasicBlock.Start"/> is the call.
    /// </summary>
    CallbackLoop,
}
