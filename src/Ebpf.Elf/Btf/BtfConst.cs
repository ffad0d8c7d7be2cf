namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_CONST</c>: <c>const</c>.</summary>
/// <param name="Id">The type id.</param>
/// <param name="Type">The qualified type id.</param>
public sealed record BtfConst(int Id, int Type) : BtfQualifier(Id, Type)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Const;

    /// <inheritdoc />
    public override string Keyword => "const";
}
