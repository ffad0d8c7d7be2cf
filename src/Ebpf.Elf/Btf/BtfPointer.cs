namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_PTR</c>: a pointer (8 bytes on BPF).</summary>
/// <param name="Id">The type id.</param>
/// <param name="Type">The pointee's type id (0 for <c>void *</c>).</param>
public sealed record BtfPointer(int Id, int Type) : BtfType(Id, "")
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Pointer;
}
