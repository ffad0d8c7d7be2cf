namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_VAR</c>: a global or static variable (BTF-defined maps are variables of <c>.maps</c>).</summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The variable's name.</param>
/// <param name="Type">The variable's type id.</param>
/// <param name="Linkage">Static, global or extern.</param>
public sealed record BtfVariable(int Id, string Name, int Type, BtfVariableLinkage Linkage) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Variable;
}
