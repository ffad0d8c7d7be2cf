using Ebpf.Testing;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using FsCheck.Fluent;

namespace Ebpf.Core.Tests.Isa.Text;

public sealed class ConformanceFormatterTests
{
    private static readonly (Register Dst, Register Src, short Offset, int Imm, int High, int Pseudo)[] Representative =
    [
        (Register.R3, Register.R4, -8, 0x12345678, 0x11223344, 0),
        (Register.R0, Register.R10, short.MinValue, int.MinValue, -1, 1),
        (Register.R10, Register.R0, short.MaxValue, int.MaxValue, int.MinValue, 6),
        (Register.R9, Register.R1, 0, 0, 0, 4),
    ];

    [Fact]
    public void Every_table_form_round_trips_through_text()
    {
        foreach (var form in OpCodeTable.All)
        {
            foreach (var (dst, src, offset, imm, high, pseudo) in Representative)
            {
                var slots = InstructionSamples.Build(form, dst, src, offset, imm, high, pseudo);
                var text = Format(slots, form);

                var ok = Assembler.TryAssemble(text, out var assembled, out var diagnostics);

                Assert.True(ok, $"{form}: '{text}': {string.Join("; ", diagnostics)}");
                Assert.Equal(slots, assembled.ToArray());
            }
        }
    }

    [Fact]
    public void Random_valid_instructions_round_trip_through_text()
    {
        var property = Prop.ForAll(InstructionSamples.Any.ToArbitrary(), slots =>
        {
            var form = OpCodeTable.Find(slots[0])!;
            var text = Format(slots, form);
            var ok = Assembler.TryAssemble(text, out var assembled, out var diagnostics) && assembled.SequenceEqual(slots);
            return ok.Label($"'{text}' gave [{string.Join(", ", assembled)}] {string.Join("; ", diagnostics)}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_0001), 3000);
    }

    [Fact]
    public void Random_programs_round_trip_line_by_line()
    {
        var programs = InstructionSamples.Any.NonEmptyListOf().ToArbitrary();
        var property = Prop.ForAll(programs, instructions =>
        {
            var text = string.Join('\n', instructions.Select(slots => Format(slots, OpCodeTable.Find(slots[0])!)));
            var ok = Assembler.TryAssemble(text, out var assembled, out var diagnostics)
                && assembled.SequenceEqual(instructions.SelectMany(s => s));
            return ok.Label($"{text}{Environment.NewLine}{string.Join("; ", diagnostics)}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_0002), 500);
    }

    [Theory]
    [InlineData(0x04, 1, 0, 0, 5, "add32 %r1, 5")]
    [InlineData(0x0f, 1, 2, 0, 0, "add %r1, %r2")]
    [InlineData(0xb7, 0, 0, 0, -1, "mov %r0, -1")]
    [InlineData(0xbf, 6, 5, 8, 0, "movsx864 %r6, %r5")]
    [InlineData(0xdc, 0, 0, 0, 16, "be16 %r0")]
    [InlineData(0x79, 0, 1, 8, 0, "ldxdw %r0, [%r1+8]")]
    [InlineData(0x71, 0, 1, 0, 0, "ldxb %r0, [%r1]")]
    [InlineData(0x62, 10, 0, -4, 7, "stw [%r10-4], 7")]
    [InlineData(0x7b, 10, 1, -8, 0, "stxdw [%r10-8], %r1")]
    [InlineData(0xdb, 10, 1, -8, 0x01, "lock fetch add [%r10-8], %r1")]
    [InlineData(0xc3, 10, 1, -8, 0xf1, "lock cmpxchg32 [%r10-8], %r1")]
    [InlineData(0x05, 0, 0, -1, 0, "ja -1")]
    [InlineData(0x06, 0, 0, 0, 0, "ja32 +0")]
    [InlineData(0x5e, 1, 2, 2, 0, "jne32 %r1, %r2, +2")]
    [InlineData(0x15, 1, 0, 3, -5, "jeq %r1, -5, +3")]
    [InlineData(0x85, 0, 0, 0, 5, "call 5")]
    [InlineData(0x85, 0, 1, 0, 3, "call local +3")]
    [InlineData(0x85, 0, 2, 0, 9, "call kfunc 9")]
    [InlineData(0x8d, 2, 0, 0, 0, "call %r2")]
    [InlineData(0x95, 0, 0, 0, 0, "exit")]
    [InlineData(0x20, 0, 0, 0, 4, "ldabsw 4")]
    [InlineData(0x48, 0, 1, 0, 8, "ldindh %r1, 8")]
    public void Instructions_are_written_in_the_suite_syntax(int opcode, int dst, int src, int offset, int imm, string expected)
    {
        var slot = new Instruction((byte)opcode, (Register)dst, (Register)src, (short)offset, imm);

        Assert.Equal(expected, ConformanceFormatter.Format(slot, OpCodeTable.Find(slot)!));
    }

    [Fact]
    public void Lddw_is_written_with_its_64_bit_value_and_pseudo_source()
    {
        var form = OpCodeTable.Find(new Instruction(0x18, 0, 0, 0, 0))!;

        Assert.Equal("lddw %r0, 0x1122334455667788",
            ConformanceFormatter.Format(new Instruction(0x18, 0, 0, 0, 0x55667788), form, 0x1122334455667788));
        Assert.Equal("lddw %r1, 0xffffffff", ConformanceFormatter.Format(new Instruction(0x18, Register.R1, 0, 0, -1), form));
        Assert.Equal("lddw %r1, map_fd 0x3", ConformanceFormatter.Format(new Instruction(0x18, Register.R1, Register.R1, 0, 3), form, 3));
    }

    [Fact]
    public void Suite_programs_reassemble_from_their_formatted_text()
    {
        foreach (var file in ConformanceData.FileNames(ConformanceData.Folder))
        {
            var slots = Assembler.Assemble(ConformanceData.Load(ConformanceData.Folder, file).Assembly!);
            Assert.True(ProgramDecoder.TryDecode(slots.AsSpan(), out var program, out _), file);

            var lines = Enumerable.Range(0, program!.Count)
                .Where(i => program.FormAt(i) is not null)
                .Select(i => ConformanceFormatter.Format(program.Slots[i], program.FormAt(i)!,
                    program.FormAt(i)!.Operation == Operation.LoadImm64 ? program.Immediate64At(i) : null));

            Assert.Equal(slots.ToArray(), Assembler.Assemble(string.Join('\n', lines)).ToArray());
        }
    }

    private static string Format(Instruction[] slots, OpCodeInfo form) =>
        ConformanceFormatter.Format(slots[0], form, slots.Length == 2 ? InstructionSamples.Immediate64(slots) : null);
}
