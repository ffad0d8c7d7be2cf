using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Core.Tests.Isa.Text;

public sealed class AssemblerDiagnosticTests
{
    [Theory]
    [InlineData("ldxq %r0, %r1", DiagnosticCode.UnknownMnemonic)]
    [InlineData("bswap8 %r0", DiagnosticCode.UnknownMnemonic)]
    [InlineData("lock inc [%r10-8], %r1", DiagnosticCode.UnknownMnemonic)]
    [InlineData("lock fetch xchg [%r10-8], %r1", DiagnosticCode.UnknownMnemonic)]
    [InlineData("1abc:", DiagnosticCode.UnknownMnemonic)]
    [InlineData("lddw %r0", DiagnosticCode.OperandCount)]
    [InlineData("exit %r0", DiagnosticCode.OperandCount)]
    [InlineData("mov %r0,", DiagnosticCode.OperandCount)]
    [InlineData("mov %r0,,1", DiagnosticCode.OperandCount)]
    [InlineData("call", DiagnosticCode.OperandCount)]
    [InlineData("call local", DiagnosticCode.OperandCount)]
    [InlineData("lock", DiagnosticCode.OperandCount)]
    [InlineData("lock fetch", DiagnosticCode.OperandCount)]
    [InlineData("lock or [%r10-8]", DiagnosticCode.OperandCount)]
    [InlineData("lock [%r10-8], %r1", DiagnosticCode.OperandCount)]
    [InlineData("or %r0, %r50", DiagnosticCode.InvalidRegisterOperand)]
    [InlineData("or %r0, %r11", DiagnosticCode.InvalidRegisterOperand)]
    [InlineData("or %r01, %r1", DiagnosticCode.InvalidRegisterOperand)]
    [InlineData("neg r1", DiagnosticCode.InvalidRegisterOperand)]
    [InlineData("stxb [%r1], 5", DiagnosticCode.InvalidRegisterOperand)]
    [InlineData("ldxb %r0, [%r12+1]", DiagnosticCode.InvalidRegisterOperand)]
    [InlineData("mov32 %r0, 2147483648", DiagnosticCode.InvalidImmediate)]
    [InlineData("mov32 %r0, 0x100000000", DiagnosticCode.InvalidImmediate)]
    [InlineData("mov32 %r0, -2147483649", DiagnosticCode.InvalidImmediate)]
    [InlineData("mov32 %r0, -0x80000001", DiagnosticCode.InvalidImmediate)]
    [InlineData("mov %r0, 12abc", DiagnosticCode.InvalidImmediate)]
    [InlineData("mov %r0, 0x", DiagnosticCode.InvalidImmediate)]
    [InlineData("stb [%r1], %r2", DiagnosticCode.InvalidImmediate)]
    [InlineData("lddw %r0, 18446744073709551616", DiagnosticCode.InvalidImmediate)]
    [InlineData("lddw %r0, 0x10000000000000000", DiagnosticCode.InvalidImmediate)]
    [InlineData("lddw %r0, -9223372036854775809", DiagnosticCode.InvalidImmediate)]
    [InlineData("lddw %r0, map 1", DiagnosticCode.InvalidImmediate)]
    [InlineData("ja %r1", DiagnosticCode.InvalidImmediate)]
    [InlineData("ldxb %r0, %r1", DiagnosticCode.InvalidMemoryOperand)]
    [InlineData("ldxb %r0, [%r1+0x10000]", DiagnosticCode.InvalidMemoryOperand)]
    [InlineData("ldxb %r0, [%r1+32768]", DiagnosticCode.InvalidMemoryOperand)]
    [InlineData("ldxb %r0, [%r1-32769]", DiagnosticCode.InvalidMemoryOperand)]
    [InlineData("ldxb %r0, [%r1+x]", DiagnosticCode.InvalidMemoryOperand)]
    [InlineData("stxb [%r1+2, %r0", DiagnosticCode.InvalidMemoryOperand)]
    [InlineData("ja NOT_A_LABEL", DiagnosticCode.UndefinedLabel)]
    [InlineData("ja +32768", DiagnosticCode.JumpTooFar)]
    [InlineData("jeq %r1, 0, -32769", DiagnosticCode.JumpTooFar)]
    [InlineData("ja32 +2147483648", DiagnosticCode.JumpTooFar)]
    [InlineData("call local 99999999999999999999999", DiagnosticCode.JumpTooFar)]
    public void A_malformed_line_gives_its_diagnostic_code(string line, DiagnosticCode code)
    {
        var ok = Assembler.TryAssemble(line, out var slots, out var diagnostics);

        Assert.False(ok);
        Assert.Empty(slots);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(1, diagnostic.Location.Line);
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("lock or [%r10-8]")]
    [InlineData("lock fetch add32 [%r10-8]")]
    public void Lock_with_missing_parts_says_invalid_number_of_operands_for_lock(string line)
    {
        Assert.False(Assembler.TryAssemble(line, out _, out var diagnostics));

        Assert.Contains("Invalid number of operands for lock", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_reported_with_its_own_line()
    {
        const string source = """
            mov %r0, 1
            ldxq %r0, %r1
            # comment
            mov32 %r0, 0x100000000
            ja nowhere
            dup:
            dup:
            or %r0, %r50, %r1
            stxb [%r99+1], %r42
            exit
            """;

        Assert.False(Assembler.TryAssemble(source, out _, out var diagnostics));

        Assert.Equal(
            [
                (DiagnosticCode.UnknownMnemonic, 2),
                (DiagnosticCode.InvalidImmediate, 4),
                (DiagnosticCode.DuplicateLabel, 7),
                (DiagnosticCode.OperandCount, 8),
                (DiagnosticCode.InvalidRegisterOperand, 9),
                (DiagnosticCode.InvalidRegisterOperand, 9),
                (DiagnosticCode.UndefinedLabel, 5),
            ],
            diagnostics.Select(d => (d.Code, d.Location.Line!.Value)));
        Assert.Contains("line 6", diagnostics[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_too_far_for_a_16_bit_offset_is_refused_but_fine_for_ja32()
    {
        var body = string.Concat(Enumerable.Repeat("mov %r0, 0\n", 40_000));

        Assert.False(Assembler.TryAssemble($"ja far\n{body}far:\nexit", out _, out var diagnostics));
        Assert.Equal(DiagnosticCode.JumpTooFar, Assert.Single(diagnostics).Code);
        Assert.Equal(40_000, Assembler.Assemble($"ja32 far\n{body}far:\nexit")[0].Immediate);
    }

    [Fact]
    public void Assemble_throws_a_diagnostic_exception_with_every_problem()
    {
        var exception = Assert.Throws<DiagnosticException>(() => Assembler.Assemble("ldxq %r0\nmov %r0, %r11"));

        Assert.Equal([DiagnosticCode.UnknownMnemonic, DiagnosticCode.InvalidRegisterOperand], exception.Diagnostics.Select(d => d.Code));
        Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_quote_hostile_text_shortened_and_escaped()
    {
        Assert.False(Assembler.TryAssemble($"mov %r0, \u0001{new string('9', 200)}", out _, out var diagnostics));

        var message = Assert.Single(diagnostics).Message;
        Assert.DoesNotContain('\u0001', message);
        Assert.True(message.Length < 160, message);
    }
}
