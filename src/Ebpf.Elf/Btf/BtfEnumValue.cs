namespace Ebpf.Elf.Btf;

/// <summary>An enumerator: <c>struct btf_enum { u32 name_off; s32 val; }</c> or <c>struct btf_enum64 { u32 name_off; u32 val_lo32; u32 val_hi32; }</c>.</summary>
/// <param name="Name">The enumerator's name.</param>
/// <param name="Value">The value, sign- or zero-extended as the enum's signedness says.</param>
public sealed record BtfEnumValue(string Name, long Value)
{
    /// <summary>The value's bits as unsigned, for unsigned 64-bit enums above <see cref="long.MaxValue"/>.</summary>
    public ulong UnsignedValue => unchecked((ulong)Value);
}
