namespace Ebpf.Elf.Btf;

/// <summary>
/// <c>BTF_KIND_DECL_TAG</c>, followed by <c>struct btf_decl_tag { s32 component_idx; }</c>: a tag on a
/// struct, union, variable, function, typedef, or (with a component index) on one member or parameter.
/// </summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The tag's value: the string in <c>btf_decl_tag("...")</c>.</param>
/// <param name="Type">The tagged type id.</param>
/// <param name="ComponentIndex">-1 for the type itself; otherwise the index of the member or parameter.</param>
public sealed record BtfDeclTag(int Id, string Name, int Type, int ComponentIndex) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.DeclTag;
}
