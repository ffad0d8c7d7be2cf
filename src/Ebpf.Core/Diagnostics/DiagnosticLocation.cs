using Ebpf.Core.Specs;

namespace Ebpf.Core.Diagnostics;

/// <summary>Where a diagnostic applies; every part is optional.</summary>
/// <param name="File">The input file.</param>
/// <param name="Line">1-based line in a text input.</param>
/// <param name="Section">ELF section.</param>
/// <param name="Program">Program name.</param>
/// <param name="InstructionIndex">Slot index of the instruction.</param>
/// <param name="Source">The source line the instruction was compiled from, where BTF line info has it.</param>
public sealed record DiagnosticLocation(
    string? File = null,
    int? Line = null,
    string? Section = null,
    string? Program = null,
    int? InstructionIndex = null,
    SourceLine? Source = null)
{
    /// <summary>A location that is only an instruction index.</summary>
    public static DiagnosticLocation AtInstruction(int index) => new(InstructionIndex: index);

    /// <summary>A location that is only a line of text.</summary>
    public static DiagnosticLocation AtLine(int line) => new(Line: line);

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>(4);
        if (File is not null)
        {
            parts.Add(Line is { } line ? $"{File}:{line}" : File);
        }
        else if (Line is { } line)
        {
            parts.Add($"line {line}");
        }

        if (Section is not null)
        {
            parts.Add($"section {Section}");
        }

        if (Program is not null)
        {
            parts.Add($"program {Program}");
        }

        if (InstructionIndex is { } index)
        {
            parts.Add($"instruction {index}");
        }
        if (Source is not null)
        {
            parts.Add(Source.ToString());
        }

        return string.Join(", ", parts);
    }
}
