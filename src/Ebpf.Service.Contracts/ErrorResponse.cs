namespace Ebpf.Service.Contracts;

/// <summary>The body of every refused request: the diagnostics, each with its stable code.</summary>
/// <param name="Diagnostics">Why the request was refused.</param>
public sealed record ErrorResponse(DiagnosticBody[] Diagnostics);
