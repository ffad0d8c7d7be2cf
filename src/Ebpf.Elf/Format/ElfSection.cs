using System.Collections.Immutable;

namespace Ebpf.Elf.Format;

/// <summary>One section of the object, with its bytes (empty for <c>.bss</c>-like NOBITS sections).</summary>
/// <param name="Index">Its index in the section header table.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its <c>sh_type</c>.</param>
/// <param name="Flags">Its <c>sh_flags</c>.</param>
/// <param name="Size">Its size; for NOBITS sections the size in memory.</param>
/// <param name="Link">Its <c>sh_link</c>.</param>
/// <param name="Info">Its <c>sh_info</c>: for relocation sections, the section they apply to.</param>
/// <param name="Data">Its bytes in the file.</param>
public sealed record ElfSection(int Index, string Name, uint Type, ulong Flags, ulong Size, uint Link, uint Info, ReadOnlyMemory<byte> Data)
{
    /// <summary>Holds executable code.</summary>
    public bool IsExecutable => (Flags & ElfConstants.FlagExecute) != 0 && Type == ElfConstants.SectionProgBits;

    /// <summary>Occupies memory at run time.</summary>
    public bool IsAllocated => (Flags & ElfConstants.FlagAlloc) != 0;

    /// <summary>Writable at run time.</summary>
    public bool IsWritable => (Flags & ElfConstants.FlagWrite) != 0;

    /// <summary>Has no bytes in the file (<c>.bss</c>).</summary>
    public bool IsNoBits => Type == ElfConstants.SectionNoBits;

    /// <summary>A REL or RELA section.</summary>
    public bool IsRelocation => Type is ElfConstants.SectionRel or ElfConstants.SectionRela;

    /// <summary>Its bytes as an immutable array (zeros for NOBITS sections).</summary>
    public ImmutableArray<byte> Contents() => IsNoBits ? ImmutableArray.Create(new byte[checked((int)Size)]) : [.. Data.Span];
}
