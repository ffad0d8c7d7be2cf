namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_VOLATILE</c>: <c>volatile</c>.</summary>
/// <param name="Id">The type id.</param>
/// <param name="Type">The qualified type id.</param>
public sealed record BtfVolatile(int Id, int Type) : BtfQualifier(Id, Type)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Volatile;

    /// <inheritdoc />
    public override string Keyword => "volatile";
}
