namespace Ebpf.Core.Diagnostics;

/// <summary>A problem found in input: a stable code, where it is, and what is wrong.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="Message">What is wrong, for people.</param>
/// <param name="Location">Where it is.</param>
public sealed record Diagnostic(DiagnosticCode Code, string Message, DiagnosticLocation Location)
{
    /// <summary>The code as users see it: <c>EBPF1004</c>.</summary>
    public string Id => FormatCode(Code);

    /// <summary>Formats a code as users see it.</summary>
    public static string FormatCode(DiagnosticCode code) => $"EBPF{(int)code:D4}";

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Location.ToString();
        return where.Length == 0 ? $"error {Id}: {Message}" : $"error {Id}: {where}: {Message}";
    }
}
