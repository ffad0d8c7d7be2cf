using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Core.Tests.Isa.Text;

public sealed class AssemblerEncodingTests
{
    [Theory]
    [InlineData("add %r1, 2", 0x07, 1, 0, 0, 2)]
    [InlineData("add %r1, %r2", 0x0f, 1, 2, 0, 0)]
    [InlineData("add32 %r1, -7", 0x04, 1, 0, 0, -7)]
    [InlineData("mov32 %r0, 0xffffffff", 0xb4, 0, 0, 0, -1)]
    [InlineData("mov32 %r0, 0x80000000", 0xb4, 0, 0, 0, int.MinValue)]
    [InlineData("mov32 %r0, -2147483648", 0xb4, 0, 0, 0, int.MinValue)]
    [InlineData("mov %r0, -0x80000000", 0xb7, 0, 0, 0, int.MinValue)]
    [InlineData("mov %r9, 2147483647", 0xb7, 9, 0, 0, int.MaxValue)]
    [InlineData("neg %r3", 0x87, 3, 0, 0, 0)]
    [InlineData("neg32 %r3", 0x84, 3, 0, 0, 0)]
    [InlineData("sdiv32 %r0, 3", 0x34, 0, 0, 1, 3)]
    [InlineData("smod %r0, %r1", 0x9f, 0, 1, 1, 0)]
    [InlineData("movsx832 %r0, %r1", 0xbc, 0, 1, 8, 0)]
    [InlineData("movsx3264 %r2, %r9", 0xbf, 2, 9, 32, 0)]
    [InlineData("le16 %r0", 0xd4, 0, 0, 0, 16)]
    [InlineData("be64 %r5", 0xdc, 5, 0, 0, 64)]
    [InlineData("swap32 %r0", 0xd7, 0, 0, 0, 32)]
    [InlineData("bswap32 %r0", 0xd7, 0, 0, 0, 32)]
    [InlineData("ldxb %r0, [%r1+0x1]", 0x71, 0, 1, 1, 0)]
    [InlineData("ldxdw %r0, [%r1]", 0x79, 0, 1, 0, 0)]
    [InlineData("ldxsh %r0, [%r10-2]", 0x89, 0, 10, -2, 0)]
    [InlineData("ldxw %r2, [ %r3 + 4 ]", 0x61, 2, 3, 4, 0)]
    [InlineData("ldxh %r2, [%r3-32768]", 0x69, 2, 3, short.MinValue, 0)]
    [InlineData("ldxh %r2, [%r3+32767]", 0x69, 2, 3, short.MaxValue, 0)]
    [InlineData("stw [%r10-4], 0x12345678", 0x62, 10, 0, -4, 0x12345678)]
    [InlineData("stxdw [%r10-8], %r1", 0x7b, 10, 1, -8, 0)]
    [InlineData("ldabsw 4", 0x20, 0, 0, 0, 4)]
    [InlineData("ldindh %r1, 8", 0x48, 0, 1, 0, 8)]
    [InlineData("call 5", 0x85, 0, 0, 0, 5)]
    [InlineData("call kfunc 7", 0x85, 0, 2, 0, 7)]
    [InlineData("call %r2", 0x8d, 2, 0, 0, 0)]
    [InlineData("callx %r3", 0x8d, 3, 0, 0, 0)]
    [InlineData("exit", 0x95, 0, 0, 0, 0)]
    [InlineData("ja +5", 0x05, 0, 0, 5, 0)]
    [InlineData("ja -3", 0x05, 0, 0, -3, 0)]
    [InlineData("ja 2", 0x05, 0, 0, 2, 0)]
    [InlineData("ja32 +100000", 0x06, 0, 0, 0, 100000)]
    [InlineData("jeq %r1, 5, +1", 0x15, 1, 0, 1, 5)]
    [InlineData("jne32 %r1, %r2, +2", 0x5e, 1, 2, 2, 0)]
    [InlineData("jset %r1, 0x80000000, -1", 0x45, 1, 0, -1, int.MinValue)]
    [InlineData("lock add [%r10-8], %r1", 0xdb, 10, 1, -8, 0x00)]
    [InlineData("lock fetch add32 [%r10-4], %r1", 0xc3, 10, 1, -4, 0x01)]
    [InlineData("lock xchg [%r10-8], %r1", 0xdb, 10, 1, -8, 0xe1)]
    [InlineData("lock cmpxchg32 [%r10-8], %r1", 0xc3, 10, 1, -8, 0xf1)]
    [InlineData("LOCK Fetch XOR [%r10-8], %r3", 0xdb, 10, 3, -8, 0xa1)]
    public void One_line_encodes_to_its_fields(string line, int opcode, int dst, int src, int offset, int imm)
    {
        var slot = Assert.Single(Assembler.Assemble(line));

        Assert.Equal(new Instruction((byte)opcode, (Register)dst, (Register)src, (short)offset, imm), slot);
    }

    [Theory]
    [InlineData("lddw %r0, 0x1122334455667788", 0, 0x55667788, 0x11223344)]
    [InlineData("lddw %r0, 18446744073709551615", 0, -1, -1)]
    [InlineData("lddw %r0, 0xFFFFFFFFFFFFFFFF", 0, -1, -1)]
    [InlineData("lddw %r0, -9223372036854775808", 0, 0, int.MinValue)]
    [InlineData("lddw %r0, -1", 0, -1, -1)]
    [InlineData("lddw %r0, 0x0000000000000001", 0, 1, 0)]
    [InlineData("lddw %r0, map_fd 3", 1, 3, 0)]
    [InlineData("lddw %r0, map_value 0x800000003", 2, 3, 8)]
    [InlineData("lddw %r0, map_idx_value 0", 6, 0, 0)]
    public void Lddw_takes_two_slots_and_the_full_64_bit_range(string line, int source, int low, int high)
    {
        var slots = Assembler.Assemble(line);

        Assert.Equal(
            [new Instruction(0x18, 0, (Register)source, 0, low), new Instruction(0, 0, 0, 0, high)],
            slots.ToArray());
    }

    [Fact]
    public void Labels_resolve_relative_to_the_next_slot_counting_lddw_as_two()
    {
        const string source = """
            # a comment line

            start:
            jeq %r1, 0, done   # forward
            lddw %r0, 0x100000000
            ja start
            done:
            exit
            """;

        var slots = Assembler.Assemble(source);

        Assert.Equal(5, slots.Length);
        Assert.Equal(3, slots[0].Offset);   // 0 -> 4
        Assert.Equal(-4, slots[3].Offset);  // 3 -> 0
    }

    [Fact]
    public void The_first_exit_is_the_implicit_exit_label_even_before_it_is_reached()
    {
        var slots = Assembler.Assemble("jne %r1, %r2, exit\nja exit\nmov %r0, 1\nexit\nexit");

        Assert.Equal(2, slots[0].Offset);
        Assert.Equal(1, slots[1].Offset);
    }

    [Fact]
    public void An_explicit_exit_label_takes_precedence_over_the_implicit_one()
    {
        var slots = Assembler.Assemble("ja exit\nexit\nexit:\nexit");

        Assert.Equal(1, slots[0].Offset);
    }

    [Fact]
    public void Ja32_and_local_calls_put_the_target_in_the_immediate()
    {
        var slots = Assembler.Assemble("ja32 L2\nL1:\nexit\nL2:\ncall local L1\nja32 L1\ncall local +0");

        Assert.Equal(new Instruction(0x06, 0, 0, 0, 1), slots[0]);
        Assert.Equal(new Instruction(0x85, 0, Register.R1, 0, -2), slots[2]);
        Assert.Equal(new Instruction(0x06, 0, 0, 0, -3), slots[3]);
        Assert.Equal(new Instruction(0x85, 0, Register.R1, 0, 0), slots[4]);
    }

    [Fact]
    public void A_label_may_share_its_line_with_an_instruction()
    {
        var slots = Assembler.Assemble("ja there\nthere: exit");

        Assert.Equal(0, slots[0].Offset);
        Assert.Equal(2, slots.Length);
    }

    [Fact]
    public void Line_endings_spacing_and_comments_do_not_matter()
    {
        var plain = Assembler.Assemble("mov %r0, 1\nexit");
        var messy = Assembler.Assemble("\r\n  mov\t%r0 ,1   # set r0\r\n\r\n# done\r\nEXIT#end\r\n");

        Assert.Equal(plain.ToArray(), messy.ToArray());
    }

    [Fact]
    public void Empty_text_assembles_to_no_slots()
    {
        Assert.True(Assembler.TryAssemble("", out var slots, out var diagnostics));
        Assert.Empty(slots);
        Assert.Empty(diagnostics);
        Assert.Empty(Assembler.Assemble("# only a comment\n\nlabel:\n"));
    }
}
