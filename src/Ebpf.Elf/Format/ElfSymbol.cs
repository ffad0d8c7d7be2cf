namespace Ebpf.Elf.Format;

/// <summary>One entry of <c>.symtab</c>.</summary>
/// <param name="Index">Its index in the table.</param>
/// <param name="Name">Its name; empty for section symbols.</param>
/// <param name="Type">Function, object, section...</param>
/// <param name="Binding">Local, global or weak.</param>
/// <param name="SectionIndex">The section that defines it; 0 when undefined (an extern).</param>
/// <param name="Value">Its offset in that section.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record ElfSymbol(int Index, string Name, ElfSymbolType Type, ElfSymbolBinding Binding, int SectionIndex, ulong Value, ulong Size)
{
    /// <summary>True when no section of this object defines the symbol.</summary>
    public bool IsUndefined => SectionIndex == ElfConstants.SectionUndefined;
}
