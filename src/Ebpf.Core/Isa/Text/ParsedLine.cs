using System.Collections.Immutable;

namespace Ebpf.Core.Isa.Text;

/// <summary>One source line split into its parts, not yet checked against the opcode table.</summary>
/// <param name="Label">The label defined on the line (<c>name:</c>), if any.</param>
/// <param name="Mnemonic">The mnemonic, lower case, its words joined by one space (<c>lock fetch add</c>); null when the line has none or it could not be read.</param>
/// <param name="Operands">The operands, trimmed, in order.</param>
/// <param name="HasInstruction">True when the line holds an instruction, even one that could not be read.</param>
internal sealed record ParsedLine(string? Label, string? Mnemonic, ImmutableArray<string> Operands, bool HasInstruction)
{
    /// <summary>A line with nothing on it but spaces or a comment.</summary>
    public static ParsedLine Empty { get; } = new(null, null, [], false);
}
