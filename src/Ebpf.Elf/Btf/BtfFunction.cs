namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_FUNC</c>: a named function; its signature is a <see cref="BtfFunctionProto"/>.</summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The function's name.</param>
/// <param name="Type">The type id of its <see cref="BtfFunctionProto"/>.</param>
/// <param name="Linkage">Static, global or extern.</param>
public sealed record BtfFunction(int Id, string Name, int Type, BtfFunctionLinkage Linkage) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Function;
}
