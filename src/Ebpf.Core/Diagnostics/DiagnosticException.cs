namespace Ebpf.Core.Diagnostics;

/// <summary>Raised at the public API edge when input is refused; carries the diagnostics that explain why.</summary>
public sealed class DiagnosticException : Exception
{
    /// <summary>Creates the exception from one or more diagnostics.</summary>
    public DiagnosticException(IReadOnlyList<Diagnostic> diagnostics)
        : base(diagnostics.Count == 0 ? "Input was refused." : string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Why the input was refused.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
