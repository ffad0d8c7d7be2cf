namespace Ebpf.Elf.Btf;

/// <summary>
/// A member of a struct or union: <c>struct btf_member { u32 name_off; u32 type; u32 offset; }</c>. When
/// the composite's kind_flag is set, offset is <c>bitfield_size &lt;&lt; 24 | bit_offset</c>; otherwise
/// it is the bit offset alone and bitfields are described by the size of their <see cref="BtfInt"/>.
/// </summary>
/// <param name="Name">The member's name; empty for anonymous struct or union members.</param>
/// <param name="Type">The member's type id.</param>
/// <param name="BitOffset">Offset from the start of the composite, in bits.</param>
/// <param name="BitfieldSize">Width in bits for a bitfield encoded with kind_flag; 0 otherwise.</param>
public sealed record BtfMember(string Name, int Type, uint BitOffset, int BitfieldSize)
{
    /// <summary>True when the member is a bitfield encoded with kind_flag.</summary>
    public bool IsBitfield => BitfieldSize != 0;

    /// <summary>The byte that holds the member's first bit.</summary>
    public uint ByteOffset => BitOffset / 8;
}
