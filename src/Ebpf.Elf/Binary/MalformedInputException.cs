using Ebpf.Core.Diagnostics;

namespace Ebpf.Elf.Binary;

/// <summary>
/// The one exception for bad input inside the readers: thrown where a structure is found broken,
/// caught where reading began and turned into its diagnostic. It never leaves this assembly.
/// </summary>
internal sealed class MalformedInputException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    public Diagnostic Diagnostic { get; } = diagnostic;

    public static MalformedInputException At(DiagnosticCode code, string message, string? section = null, long? offset = null) =>
        new(new Diagnostic(code, offset is { } o ? $"{message} (at offset 0x{o:x})" : message, new DiagnosticLocation(Section: section)));
}
