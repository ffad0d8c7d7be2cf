using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Isa.Text;

/// <summary>Why one operand could not be read: the diagnostic code and message, without a location yet.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="Message">What is wrong.</param>
internal readonly record struct OperandError(DiagnosticCode Code, string Message);
