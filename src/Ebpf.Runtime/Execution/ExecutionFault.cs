using Ebpf.Core.Diagnostics;

namespace Ebpf.Runtime.Execution;

/// <summary>Why a run stopped before its program exited.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="InstructionIndex">The slot that faulted.</param>
/// <param name="Message">What happened, with the address and region where memory is concerned.</param>
/// <param name="Address">The address accessed, for memory faults.</param>
public sealed record ExecutionFault(DiagnosticCode Code, int InstructionIndex, string Message, ulong? Address = null)
{
    /// <summary>The fault as a diagnostic.</summary>
    public Diagnostic ToDiagnostic() => new(Code, Message, DiagnosticLocation.AtInstruction(InstructionIndex));

    /// <inheritdoc />
    public override string ToString() => ToDiagnostic().ToString();
}
