using Ebpf.Core.Abi;

namespace Ebpf.Verifier.Transfer;

/// <summary>What checking a helper call's arguments learnt, for its effects: the map it names, the size it allocates.</summary>
/// <param name="helper">The prototype.</param>
internal sealed class HelperCallFacts(HelperPrototype helper)
{
    /// <summary>The prototype.</summary>
    public HelperPrototype Helper { get; } = helper;

    /// <summary>The map argument's index, or -1.</summary>
    public int Map { get; set; } = -1;

    /// <summary>The constant size a <see cref="HelperArgumentKind.ConstAllocSizeOrZero"/> argument gives.</summary>
    public int AllocSize { get; set; }
}
