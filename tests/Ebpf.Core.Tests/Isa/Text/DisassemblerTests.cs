using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Core.Tests.Isa.Text;

public sealed class DisassemblerTests
{
    [Theory]
    [InlineData(0, 0xffffffffffffffffUL, "r1 = -1 ll")]
    [InlineData(0, 0x8000000000000000UL, "r1 = -9223372036854775808 ll")]
    [InlineData(1, 3UL, "r1 = map[fd:3] ll")]
    [InlineData(1, 3UL | (9UL << 32), "r1 = map[fd:3,next_imm:9] ll")]
    [InlineData(2, 3UL | (8UL << 32), "r1 = map_value[fd:3]+8 ll")]
    [InlineData(2, 3UL, "r1 = map_value[fd:3]+0 ll")]
    [InlineData(2, 3UL | (0xffffffffUL << 32), "r1 = map_value[fd:3]+4294967295 ll")]
    [InlineData(3, 5UL, "r1 = var_addr[btf_id:5] ll")]
    [InlineData(3, 5UL | (7UL << 32), "r1 = var_addr[btf_id:5,btf_fd:7] ll")]
    [InlineData(4, 4UL, "r1 = code_addr[+4] ll")]
    [InlineData(4, 0xfffffffeUL, "r1 = code_addr[-2] ll")]
    [InlineData(5, 0UL, "r1 = map[idx:0] ll")]
    [InlineData(6, 1UL | (16UL << 32), "r1 = map_value[idx:1]+16 ll")]
    public void Lddw_prints_the_64_bit_value_or_the_pseudo_reference(int source, ulong value, string expected)
    {
        var slot = new Instruction(0x18, Register.R1, (Register)source, 0, (int)(uint)value);
        Assert.Equal(expected, Disassembler.Format(slot, OpCodeTable.Find(slot)!, value));
    }

    [Fact]
    public void Lddw_without_its_second_half_takes_the_high_bits_as_zero()
    {
        var slot = new Instruction(0x18, Register.R2, 0, 0, -1);
        Assert.Equal("r2 = 4294967295 ll", Disassembler.Format(slot, OpCodeTable.Find(slot)!));
    }

    [Fact]
    public void A_program_prints_one_line_per_instruction_and_none_for_lddw_second_halves()
    {
        var program = Decode(
            new Instruction(0x18, Register.R1, 0, 0, 2), new Instruction(0, 0, 0, 0, 1),
            new Instruction(0xb7, Register.R0, 0, 0, 0),
            new Instruction(0x15, Register.R1, 0, 1, 0),
            new Instruction(0xdb, Register.R10, Register.R0, -8, 0x01),
            new Instruction(0x95, 0, 0, 0, 0));

        Assert.Equal(
            ["r1 = 4294967298 ll", "r0 = 0", "if r1 == 0 goto +1", "r0 = atomic_fetch_add((u64 *)(r10 - 8), r0)", "exit"],
            Disassembler.FormatProgram(program));
        Assert.Equal("r1 = 4294967298 ll", Disassembler.Format(program, 0));
        Assert.Equal("r0 = 0", Disassembler.Format(program, 2));
    }

    [Fact]
    public void The_second_half_of_lddw_and_slots_outside_the_program_are_refused()
    {
        var program = Decode(new Instruction(0x18, Register.R1, 0, 0, 2), new Instruction(0, 0, 0, 0, 1), new Instruction(0x95, 0, 0, 0, 0));

        Assert.Throws<ArgumentException>("index", () => Disassembler.Format(program, 1));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => Disassembler.Format(program, 3));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => Disassembler.Format(program, -1));
    }

    [Fact]
    public void Every_form_prints_a_text_no_other_form_prints_except_the_three_calls()
    {
        var texts = OpCodeTable.All.Select(form => (Form: form, Text: Disassembler.Format(Sample(form), form))).ToList();

        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t.Text), t.Form.ToString()));
        var shared = texts.GroupBy(t => t.Text).Where(g => g.Count() > 1).ToList();
        var calls = Assert.Single(shared);
        Assert.Equal("call 4", calls.Key);
        Assert.Equal(
            [Operation.Call, Operation.CallLocal, Operation.CallKfunc],
            calls.Select(t => t.Form.Operation).Order());
    }

    /// <summary>A slot of the form with every operand field set to a distinct value and the discriminator to its own.</summary>
    private static Instruction Sample(OpCodeInfo form)
    {
        var slot = new Instruction(form.Opcode, Register.R1, Register.R2, 3, 4);
        return form.Discriminator switch
        {
            InstructionFields.Offset => slot with { Offset = (short)form.DiscriminatorValue },
            InstructionFields.Immediate => slot with { Immediate = form.DiscriminatorValue },
            InstructionFields.Source => slot with { Source = (Register)form.DiscriminatorValue },
            _ => slot,
        };
    }

    private static DecodedProgram Decode(params Instruction[] slots)
    {
        Assert.True(ProgramDecoder.TryDecode(slots, out var program, out var diagnostics), string.Join('\n', diagnostics));
        return program!;
    }
}
