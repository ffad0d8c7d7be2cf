using Ebpf.Core.Abi;

namespace Ebpf.Verifier;

/// <summary>How a program is verified.</summary>
public sealed record VerifierOptions
{
    /// <summary>
    /// The platform whose program types, contexts and helper prototypes the program is checked against; null (the
    /// default) for the program's own (<see cref="Core.Specs.ProgramSpec.Abi"/>: Linux's, or eBPF for Windows' for a
    /// <c>bind</c> program).
    /// </summary>
    public AbiTable? Abi { get; init; }

    /// <summary>Record the abstract state before each instruction (<c>ebpf verify --verbose</c>).</summary>
    public bool RecordStates { get; init; }

    /// <summary>The defaults: the program's own ABI, no state recording.</summary>
    public static VerifierOptions Default { get; } = new();
}
