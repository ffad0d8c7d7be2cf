namespace Ebpf.Core.Specs;

/// <summary>The source line an instruction was compiled from, as BTF line info records it.</summary>
/// <param name="File">The source file name as the compiler saw it.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
/// <param name="Text">The text of the line.</param>
public sealed record SourceLine(string File, int Line, int Column, string Text)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path.GetFileName(File)}:{Line}: {Text.Trim()}";
}
