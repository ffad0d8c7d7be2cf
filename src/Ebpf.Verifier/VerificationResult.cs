using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Verifier;

/// <summary>The verdict on one program: accepted, or the reasons it was rejected.</summary>
/// <param name="ProgramName">The program verified.</param>
/// <param name="Diagnostics">Why it was rejected; empty when it was accepted.</param>
/// <param name="States">The abstract state before each reachable instruction, when <see cref="VerifierOptions.RecordStates"/> asked for it.</param>
/// <param name="Statistics">What the analysis cost.</param>
public sealed record VerificationResult(
    string ProgramName,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<InstructionState> States,
    VerificationStatistics Statistics)
{
    /// <summary>True when the program was proven safe.</summary>
    public bool IsAccepted => Diagnostics.IsEmpty;
}
