namespace Ebpf.Elf.Btf;

/// <summary>
/// A variable of a data section: <c>struct btf_var_secinfo { u32 type; u32 offset; u32 size; }</c>. clang
/// leaves the offset of global (non-static) variables 0 and records a relocation in <c>.rel.BTF</c> instead;
/// the loader fills it from the symbol table, as libbpf does.
/// </summary>
/// <param name="Type">The type id of the <see cref="BtfVariable"/> (or the <see cref="BtfFunction"/> of an extern in <c>.ksyms</c>).</param>
/// <param name="Offset">The variable's offset in the section, in bytes.</param>
/// <param name="Size">The variable's size in bytes.</param>
public sealed record BtfVarSecInfo(int Type, uint Offset, uint Size);
