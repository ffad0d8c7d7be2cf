namespace Ebpf.Elf.Format;

/// <summary>The ELF64 numbers this reader needs (System V gABI; BPF relocation types from LLVM's BPF backend).</summary>
internal static class ElfConstants
{
    public const int HeaderSize = 64;
    public const int SectionHeaderSize = 64;
    public const int SymbolSize = 24;
    public const int RelSize = 16;
    public const int RelaSize = 24;

    public const byte Class64 = 2;
    public const byte LittleEndian = 1;
    public const ushort TypeRelocatable = 1;
    public const ushort MachineBpf = 247;

    public const uint SectionProgBits = 1;
    public const uint SectionSymbolTable = 2;
    public const uint SectionStringTable = 3;
    public const uint SectionRela = 4;
    public const uint SectionNoBits = 8;
    public const uint SectionRel = 9;

    public const ulong FlagWrite = 0x1;
    public const ulong FlagAlloc = 0x2;
    public const ulong FlagExecute = 0x4;

    public const ushort SectionUndefined = 0;
    public const ushort SectionReserveStart = 0xff00;
    public const ushort SectionAbsolute = 0xfff1;
    public const ushort SectionCommon = 0xfff2;

    public const uint RelocationNone = 0;
    /// <summary><c>R_BPF_64_64</c>: the 64-bit immediate of an lddw (maps, global data, function addresses).</summary>
    public const uint Relocation64_64 = 1;
    /// <summary><c>R_BPF_64_ABS64</c>: absolute 64-bit data, in debug and BTF sections.</summary>
    public const uint RelocationAbs64 = 2;
    /// <summary><c>R_BPF_64_ABS32</c>: absolute 32-bit data, in debug and BTF sections.</summary>
    public const uint RelocationAbs32 = 3;
    /// <summary><c>R_BPF_64_NODYLD32</c>: 32-bit data not resolved at load, in .BTF.ext.</summary>
    public const uint RelocationNoDyld32 = 4;
    /// <summary><c>R_BPF_64_32</c>: the immediate of a call to a function.</summary>
    public const uint Relocation64_32 = 10;
}
