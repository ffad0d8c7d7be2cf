using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>
/// Instructions LLVM 14 cannot print, so the objdump comparison cannot cover them: the v4 additions,
/// <c>mod</c>, <c>jset</c>, store-immediate and a legacy packet load with an offset. Their text follows newer LLVM.
/// </summary>
public sealed class DisassemblerV4Tests
{
    [Theory]
    [InlineData(0x3f, 1, 2, 1, 0, "r1 s/= r2")]
    [InlineData(0x37, 1, 0, 1, -7, "r1 s/= -7")]
    [InlineData(0x3c, 1, 2, 1, 0, "w1 s/= w2")]
    [InlineData(0x34, 1, 0, 1, 3, "w1 s/= 3")]
    [InlineData(0x9f, 1, 2, 1, 0, "r1 s%= r2")]
    [InlineData(0x97, 1, 0, 1, -3, "r1 s%= -3")]
    [InlineData(0x9c, 1, 2, 1, 0, "w1 s%= w2")]
    [InlineData(0x94, 1, 0, 1, 5, "w1 s%= 5")]
    [InlineData(0x9f, 3, 4, 0, 0, "r3 %= r4")]
    [InlineData(0x97, 3, 0, 0, 10, "r3 %= 10")]
    [InlineData(0x9c, 3, 4, 0, 0, "w3 %= w4")]
    [InlineData(0x94, 3, 0, 0, -10, "w3 %= -10")]
    public void Signed_division_and_modulo_use_s_prefixed_operators(byte opcode, int dst, int src, short off, int imm, string expected) =>
        Assert.Equal(expected, Text(opcode, dst, src, off, imm));

    [Theory]
    [InlineData(0xbf, 8, "r1 = (s8)r2")]
    [InlineData(0xbf, 16, "r1 = (s16)r2")]
    [InlineData(0xbf, 32, "r1 = (s32)r2")]
    [InlineData(0xbc, 8, "w1 = (s8)w2")]
    [InlineData(0xbc, 16, "w1 = (s16)w2")]
    public void Sign_extending_moves_cast_the_source(byte opcode, short off, string expected) =>
        Assert.Equal(expected, Text(opcode, 1, 2, off, 0));

    [Theory]
    [InlineData(0x91, 4, "r1 = *(s8 *)(r2 + 4)")]
    [InlineData(0x89, -2, "r1 = *(s16 *)(r2 - 2)")]
    [InlineData(0x81, 0, "r1 = *(s32 *)(r2 + 0)")]
    public void Sign_extending_loads_name_a_signed_type_and_the_full_register(byte opcode, short off, string expected) =>
        Assert.Equal(expected, Text(opcode, 1, 2, off, 0));

    [Theory]
    [InlineData(16, "r6 = bswap16 r6")]
    [InlineData(32, "r6 = bswap32 r6")]
    [InlineData(64, "r6 = bswap64 r6")]
    public void Unconditional_byte_swaps_print_as_bswap(int bits, string expected) =>
        Assert.Equal(expected, Text(0xd7, 6, 0, 0, bits));

    [Theory]
    [InlineData(0x06, 0, 0, 0, 70000, "gotol +70000")]
    [InlineData(0x06, 0, 0, 0, -3, "gotol -3")]
    [InlineData(0x06, 0, 0, 0, 0, "gotol +0")]
    [InlineData(0x8d, 1, 0, 0, 0, "callx r1")]
    [InlineData(0x8d, 9, 0, 0, 0, "callx r9")]
    [InlineData(0x85, 0, 2, 0, 1234, "call 1234")]
    [InlineData(0x85, 0, 1, 0, -3, "call -3")]
    public void Long_jumps_and_indirect_and_kfunc_calls_print_as_newer_llvm(byte opcode, int dst, int src, short off, int imm, string expected) =>
        Assert.Equal(expected, Text(opcode, dst, src, off, imm));

    [Theory]
    [InlineData(0x45, 1, 0, 3, 255, "if r1 & 255 goto +3")]
    [InlineData(0x4d, 1, 2, -1, 0, "if r1 & r2 goto -1")]
    [InlineData(0x46, 1, 0, 0, 1, "if w1 & 1 goto +0")]
    [InlineData(0x4e, 1, 2, 1, 0, "if w1 & w2 goto +1")]
    public void Jset_tests_the_bitwise_and(byte opcode, int dst, int src, short off, int imm, string expected) =>
        Assert.Equal(expected, Text(opcode, dst, src, off, imm));

    [Theory]
    [InlineData(0x62, 10, -4, 7, "*(u32 *)(r10 - 4) = 7")]
    [InlineData(0x6a, 1, 2, -1, "*(u16 *)(r1 + 2) = -1")]
    [InlineData(0x72, 1, 0, 255, "*(u8 *)(r1 + 0) = 255")]
    [InlineData(0x7a, 10, -8, -1, "*(u64 *)(r10 - 8) = -1")]
    [InlineData(0x7a, 1, -32768, int.MinValue, "*(u64 *)(r1 - 32768) = -2147483648")]
    public void Stores_of_an_immediate_print_the_signed_value(byte opcode, int dst, short off, int imm, string expected) =>
        Assert.Equal(expected, Text(opcode, dst, 0, off, imm));

    [Theory]
    [InlineData(0x40, 1, 4, "r0 = *(u32 *)skb[r1 + 4]")]
    [InlineData(0x48, 2, -2, "r0 = *(u16 *)skb[r2 - 2]")]
    [InlineData(0x50, 3, 0, "r0 = *(u8 *)skb[r3]")]
    public void Indirect_packet_loads_show_their_offset_when_it_is_set(byte opcode, int src, int imm, string expected) =>
        Assert.Equal(expected, Text(opcode, 0, src, 0, imm));

    [Theory]
    [InlineData(0x05, 0, 0, -32768, 0, "goto -32768")]
    [InlineData(0x05, 0, 0, 32767, 0, "goto +32767")]
    [InlineData(0x79, 1, 2, -32768, 0, "r1 = *(u64 *)(r2 - 32768)")]
    [InlineData(0x20, 0, 0, 0, int.MinValue, "r0 = *(u32 *)skb[-2147483648]")]
    [InlineData(0x40, 0, 1, 0, int.MinValue, "r0 = *(u32 *)skb[r1 - 2147483648]")]
    public void Extreme_offsets_and_immediates_keep_their_sign(byte opcode, int dst, int src, short off, int imm, string expected) =>
        Assert.Equal(expected, Text(opcode, dst, src, off, imm));

    internal static string Text(byte opcode, int dst, int src, short off, int imm)
    {
        var slot = new Instruction(opcode, (Register)dst, (Register)src, off, imm);
        var form = OpCodeTable.Find(slot);
        Assert.NotNull(form);
        return Disassembler.Format(slot, form);
    }
}
