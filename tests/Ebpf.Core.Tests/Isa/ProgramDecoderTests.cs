using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;

namespace Ebpf.Core.Tests.Isa;

public sealed class ProgramDecoderTests
{
    private static readonly Instruction Exit = new(0x95, 0, 0, 0, 0);

    private static (bool Ok, DiagnosticCode[] Codes, int?[] Indexes) Decode(params Instruction[] slots)
    {
        var ok = ProgramDecoder.TryDecode(slots, out _, out var diagnostics);
        return (ok, [.. diagnostics.Select(d => d.Code)], [.. diagnostics.Select(d => d.Location.InstructionIndex)]);
    }

    [Fact]
    public void A_valid_program_decodes_and_keeps_its_bytes()
    {
        Instruction[] slots = [new(0xb7, 0, 0, 0, 1), new(0x18, Register.R1, 0, 0, 2), new(0, 0, 0, 0, 3), Exit];
        Assert.True(ProgramDecoder.TryDecode(slots, out var program, out _));
        Assert.Equal(Instruction.ToBytes(slots), program!.ToBytes());
        Assert.Equal(0x0000_0003_0000_0002UL, program.Immediate64At(1));
        Assert.Null(program.FormAt(2));
    }

    [Theory]
    [InlineData(0x07, 0, 1, 1)] // add64 imm with an offset
    [InlineData(0x07, 1, 0, 1)] // add64 imm with a source register
    [InlineData(0x0f, 0, 0, 1)] // add64 reg with an immediate
    [InlineData(0x95, 0, 0, 1)] // exit with an immediate
    [InlineData(0x05, 1, 0, 0)] // ja with a source register
    [InlineData(0x61, 0, 0, 1)] // ldxw with an immediate
    [InlineData(0x62, 1, 0, 0)] // stw with a source register
    [InlineData(0x84, 1, 0, 0)] // neg32 with a source register
    public void Reserved_fields_must_be_zero(byte opcode, byte src, short offset, int imm)
    {
        var (ok, codes, indexes) = Decode(new Instruction(opcode, 0, (Register)src, offset, imm), Exit);
        Assert.False(ok);
        Assert.Equal([DiagnosticCode.ReservedFieldNotZero], codes);
        Assert.Equal([0], indexes);
    }

    [Fact]
    public void Mov_with_an_offset_is_not_a_valid_movsx() =>
        Assert.Equal([DiagnosticCode.UnknownVariant], Decode(new Instruction(0xb7, 0, 0, 8, 0), Exit).Codes);

    [Fact]
    public void Unknown_opcodes_and_registers_are_refused_with_their_index()
    {
        var (_, codes, indexes) = Decode(Exit, new Instruction(0xff, 0, 0, 0, 0), new Instruction(0xbf, (Register)11, 0, 0, 0), Exit);
        Assert.Equal([DiagnosticCode.UnknownOpcode, DiagnosticCode.InvalidRegister], codes);
        Assert.Equal([1, 2], indexes);
    }

    [Fact]
    public void Lddw_needs_a_clean_second_slot()
    {
        Assert.Equal([DiagnosticCode.IncompleteLoadImm64], Decode(Exit, new Instruction(0x18, 0, 0, 0, 0)).Codes);
        Assert.Equal([DiagnosticCode.InvalidLoadImm64SecondSlot], Decode(new Instruction(0x18, 0, 0, 0, 0), new Instruction(0, Register.R1, 0, 0, 0), Exit).Codes);
        Assert.Equal([DiagnosticCode.UnknownVariant], Decode(new Instruction(0x18, 0, (Register)7, 0, 0), new Instruction(0, 0, 0, 0, 0), Exit).Codes);
    }

    [Fact]
    public void Jumps_must_land_on_instructions()
    {
        Assert.Equal([DiagnosticCode.JumpOutOfRange], Decode(new Instruction(0x05, 0, 0, 1, 0), Exit).Codes);
        Assert.Equal([DiagnosticCode.JumpOutOfRange], Decode(new Instruction(0x05, 0, 0, -2, 0), Exit).Codes);
        Assert.Equal([DiagnosticCode.JumpOutOfRange], Decode(new Instruction(0x06, 0, 0, 0, int.MaxValue), Exit).Codes);
        Assert.Equal([DiagnosticCode.JumpOutOfRange], Decode(new Instruction(0x85, 0, Register.R1, 0, 5), Exit).Codes);
        Assert.Equal([DiagnosticCode.JumpIntoLoadImm64], Decode(new Instruction(0x15, 0, 0, 1, 0), new Instruction(0x18, 0, 0, 0, 0), new Instruction(0, 0, 0, 0, 0), Exit).Codes);
    }

    [Fact]
    public void Writing_the_frame_pointer_is_refused_but_storing_through_it_is_not()
    {
        Assert.Equal([DiagnosticCode.FramePointerWrite], Decode(new Instruction(0xb7, Register.R10, 0, 0, 0), Exit).Codes);
        Assert.True(Decode(new Instruction(0x7a, Register.R10, 0, -8, 0), Exit).Ok);
        Assert.Equal([DiagnosticCode.FramePointerWrite], Decode(new Instruction(0xdb, Register.R1, Register.R10, 0, 0xe1), Exit).Codes);
    }

    [Fact]
    public void Truncated_and_empty_input_is_refused()
    {
        Assert.False(ProgramDecoder.TryDecode(new byte[13], out _, out var truncated));
        Assert.Equal(DiagnosticCode.TruncatedInstruction, Assert.Single(truncated).Code);
        Assert.False(ProgramDecoder.TryDecode(ReadOnlySpan<byte>.Empty, out _, out var empty));
        Assert.Equal(DiagnosticCode.EmptyProgram, Assert.Single(empty).Code);
    }

    [Fact]
    public void Random_bytes_never_throw_and_every_refusal_names_an_instruction()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var round = 0; round < 20_000; round++)
        {
            var bytes = new byte[random.Next(0, 12) * 8];
            random.NextBytes(bytes);
            // Bias towards real opcodes so that field checks, not just the opcode lookup, are exercised.
            for (var i = 0; i < bytes.Length; i += 8)
            {
                if (random.Next(2) == 0)
                {
                    bytes[i] = OpCodeTable.All[random.Next(OpCodeTable.All.Length)].Opcode;
                }
            }

            var ok = ProgramDecoder.TryDecode(bytes, out var program, out var diagnostics);
            Assert.True(ok == (program is not null), $"seed {seed}");
            Assert.True(ok || diagnostics.Length > 0, $"seed {seed}");
            Assert.All(diagnostics, d => Assert.True(d.Code == DiagnosticCode.EmptyProgram || d.Location.InstructionIndex is not null, $"seed {seed}: {d}"));
        }
    }
}
