namespace Ebpf.Elf.Btf;

/// <summary>
/// <c>BTF_KIND_INT</c>. The type is followed by one u32:
/// <code>
/// bits 24-27 encoding | bits 16-23 offset | bits 0-7 nr_bits   (28-31 and 8-15 unused)
/// </code>
/// </summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The C name (<c>unsigned int</c>).</param>
/// <param name="Size">Storage size in bytes: 1, 2, 4, 8 or 16.</param>
/// <param name="Encoding">Signedness, char or bool.</param>
/// <param name="BitOffset">Where the value starts inside its storage; 0 in what clang emits.</param>
/// <param name="Bits">Number of value bits (at most <c>Size * 8</c>).</param>
public sealed record BtfInt(int Id, string Name, uint Size, BtfIntEncoding Encoding, int BitOffset, int Bits) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Int;

    /// <summary>True for signed integers.</summary>
    public bool IsSigned => Encoding.HasFlag(BtfIntEncoding.Signed);
}
