namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_FLOAT</c>: a floating-point type (BPF programs may store but not compute them).</summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The C name (<c>double</c>).</param>
/// <param name="Size">Size in bytes: 2, 4, 8, 12 or 16.</param>
public sealed record BtfFloat(int Id, string Name, uint Size) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Float;
}
