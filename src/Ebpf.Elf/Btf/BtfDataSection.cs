using System.Collections.Immutable;

namespace Ebpf.Elf.Btf;

/// <summary>
/// <c>BTF_KIND_DATASEC</c>: the variables of one ELF section (<c>.data</c>, <c>.rodata</c>, <c>.bss</c>,
/// <c>.maps</c>, <c>license</c>). clang writes size 0; the loader fills in the section's size.
/// </summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The ELF section name.</param>
/// <param name="Size">The section's size in bytes, as written (0 from clang).</param>
/// <param name="Variables">The variables, in the order the compiler wrote them.</param>
public sealed record BtfDataSection(int Id, string Name, uint Size, ImmutableArray<BtfVarSecInfo> Variables) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.DataSection;
}
