using Ebpf.Core.Abi;

namespace Ebpf.Verifier;

/// <summary>How a program is verified.</summary>
public sealed record VerifierOptions
{
    /// <summary>The platform whose program types, contexts and helper prototypes the program is checked against.</summary>
    public AbiTable Abi { get; init; } = AbiTable.Linux;

    /// <summary>Record the abstract state before each instruction (<c>ebpf verify --verbose</c>).</summary>
    public bool RecordStates { get; init; }

    /// <summary>The defaults: Linux's ABI, no state recording.</summary>
    public static VerifierOptions Default { get; } = new();
}
