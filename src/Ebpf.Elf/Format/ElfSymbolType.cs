namespace Ebpf.Elf.Format;

/// <summary>The low four bits of <c>st_info</c>.</summary>
public enum ElfSymbolType : byte
{
    /// <summary><c>STT_NOTYPE</c>.</summary>
    NoType = 0,
    /// <summary><c>STT_OBJECT</c>: a variable or map definition.</summary>
    Object = 1,
    /// <summary><c>STT_FUNC</c>: a program or sub-program.</summary>
    Function = 2,
    /// <summary><c>STT_SECTION</c>: the start of a section, used by relocations with an addend.</summary>
    Section = 3,
    /// <summary><c>STT_FILE</c>.</summary>
    File = 4,
}
