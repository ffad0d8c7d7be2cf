namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_RESTRICT</c>: <c>restrict</c>.</summary>
/// <param name="Id">The type id.</param>
/// <param name="Type">The qualified type id.</param>
public sealed record BtfRestrict(int Id, int Type) : BtfQualifier(Id, Type)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Restrict;

    /// <inheritdoc />
    public override string Keyword => "restrict";
}
