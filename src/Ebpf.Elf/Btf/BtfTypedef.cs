namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_TYPEDEF</c>.</summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The typedef's name (<c>__u32</c>).</param>
/// <param name="Type">The aliased type id.</param>
public sealed record BtfTypedef(int Id, string Name, int Type) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Typedef;
}
