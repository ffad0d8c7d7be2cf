namespace Ebpf.Elf.Format;

/// <summary>The high four bits of <c>st_info</c>.</summary>
public enum ElfSymbolBinding : byte
{
    /// <summary><c>STB_LOCAL</c>: static.</summary>
    Local = 0,
    /// <summary><c>STB_GLOBAL</c>.</summary>
    Global = 1,
    /// <summary><c>STB_WEAK</c>.</summary>
    Weak = 2,
}
