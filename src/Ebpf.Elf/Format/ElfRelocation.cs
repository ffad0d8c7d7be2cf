namespace Ebpf.Elf.Format;

/// <summary>One relocation of a section (REL or RELA).</summary>
/// <param name="Offset">Byte offset in the relocated section.</param>
/// <param name="Symbol">The symbol it refers to.</param>
/// <param name="Type">The BPF relocation type (<c>R_BPF_64_64</c> = 1, <c>R_BPF_64_32</c> = 10, ...).</param>
/// <param name="Addend">The explicit addend of RELA entries; 0 for REL, whose addend is in the instruction.</param>
public sealed record ElfRelocation(ulong Offset, ElfSymbol Symbol, uint Type, long Addend);
