namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_FWD</c>: <c>struct name;</c> or <c>union name;</c> without a definition. It has no size.</summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The tag name.</param>
/// <param name="IsUnion">kind_flag: a union rather than a struct.</param>
public sealed record BtfForward(int Id, string Name, bool IsUnion) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Forward;
}
