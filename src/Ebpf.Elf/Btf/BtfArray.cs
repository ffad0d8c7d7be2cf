namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_ARRAY</c>, followed by <c>struct btf_array { u32 type; u32 index_type; u32 nelems; }</c>.</summary>
/// <param name="Id">The type id.</param>
/// <param name="ElementType">The element's type id. <c>int m[2][3]</c> is an array of 2 arrays of 3.</param>
/// <param name="IndexType">The index type id (clang uses <c>__ARRAY_SIZE_TYPE__</c>).</param>
/// <param name="Count">Number of elements.</param>
public sealed record BtfArray(int Id, int ElementType, int IndexType, uint Count) : BtfType(Id, "")
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Array;
}
