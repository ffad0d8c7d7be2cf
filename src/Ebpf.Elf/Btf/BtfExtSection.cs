using System.Collections.Immutable;

namespace Ebpf.Elf.Btf;

/// <summary>The <c>.BTF.ext</c> records of one ELF code section, each list in the order written.</summary>
/// <param name="Name">The ELF section name (<c>xdp</c>, <c>.text</c>).</param>
/// <param name="FuncInfos">Where each function of the section starts.</param>
/// <param name="LineInfos">Source lines, by instruction.</param>
/// <param name="CoreRelocations">CO-RE relocations.</param>
public sealed record BtfExtSection(
    string Name,
    ImmutableArray<BtfFuncInfo> FuncInfos,
    ImmutableArray<BtfLineInfo> LineInfos,
    ImmutableArray<BtfCoreRelocation> CoreRelocations);
