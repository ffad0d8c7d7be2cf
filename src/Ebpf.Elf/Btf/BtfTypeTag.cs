namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_TYPE_TAG</c>: a tag on a pointee type (<c>int __attribute__((btf_type_tag("user"))) *</c>). Like a qualifier, it changes no layout.</summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The tag's value: the string in <c>btf_type_tag("...")</c>.</param>
/// <param name="Type">The tagged type id.</param>
public sealed record BtfTypeTag(int Id, string Name, int Type) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.TypeTag;
}
