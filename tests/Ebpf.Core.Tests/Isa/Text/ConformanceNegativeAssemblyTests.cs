using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>The suite's <c>negative/</c> files whose program text is malformed, and those whose text is fine.</summary>
public sealed class ConformanceNegativeAssemblyTests
{
    /// <summary>Files whose <c>-- asm</c> must be refused: the code and the line (within the section) expected.</summary>
    public static TheoryData<string, DiagnosticCode, int> Refused => new()
    {
        { "invalid_imm32_dec_range.data", DiagnosticCode.InvalidImmediate, 2 },
        { "invalid_imm32_hex_range.data", DiagnosticCode.InvalidImmediate, 2 },
        { "invalid_label.data", DiagnosticCode.UndefinedLabel, 1 },
        { "invalid_lock.data", DiagnosticCode.OperandCount, 1 },
        { "invalid_lock2.data", DiagnosticCode.OperandCount, 1 },
        { "invalid_mnemonic.data", DiagnosticCode.UnknownMnemonic, 2 },
        { "invalid_offset.data", DiagnosticCode.InvalidMemoryOperand, 1 },
        { "invalid_offset_range.data", DiagnosticCode.InvalidMemoryOperand, 2 },
        { "invalid_operand_count.data", DiagnosticCode.OperandCount, 1 },
        { "invalid_register.data", DiagnosticCode.InvalidRegisterOperand, 1 },
    };

    /// <summary>
    /// Files whose program text is well formed: their failure lies elsewhere (the run, the result, the
    /// test file's own sections), or they have no program at all.
    /// </summary>
    public static TheoryData<string> WellFormed => [.. WellFormedFiles];

    private static readonly string[] WellFormedFiles =
    [
        "empty.data",
        "empty_instructions.data",
        "error.data",
        "incorrect_return_value_high_bits.data",
        "invalid_unknown_directive.data",
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Malformed_asm_of_the_negative_suite_gives_the_expected_diagnostic(string file, DiagnosticCode code, int line)
    {
        var asm = ConformanceData.Load(ConformanceData.NegativeFolder, file).Assembly!;

        var ok = Assembler.TryAssemble(asm, out var slots, out var diagnostics);

        Assert.False(ok);
        Assert.True(slots.IsEmpty);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(line, diagnostic.Location.Line);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
    }

    [Theory]
    [InlineData("invalid_lock.data")]
    [InlineData("invalid_lock2.data")]
    public void Lock_errors_carry_the_suite_reference_message(string file)
    {
        var test = ConformanceData.Load(ConformanceData.NegativeFolder, file);

        Assert.False(Assembler.TryAssemble(test.Assembly!, out _, out var diagnostics));

        Assert.Contains(test.ExpectedError!.Trim(), Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Well_formed_asm_of_the_negative_suite_assembles(string file)
    {
        var test = ConformanceData.Load(ConformanceData.NegativeFolder, file);

        var ok = Assembler.TryAssemble(test.Assembly ?? "", out _, out var diagnostics);

        Assert.True(ok, string.Join(Environment.NewLine, diagnostics));
    }

    [Fact]
    public void Every_negative_file_with_program_text_is_classified()
    {
        // The unused-* files are -- raw bytes for the decoder, not assembler input.
        var textual = ConformanceData.FileNames(ConformanceData.NegativeFolder)
            .Where(f => !f.StartsWith("unused-", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var classified = Refused.Select(row => (string)row[0]).Concat(WellFormedFiles)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(15, textual.Count);
        Assert.Equal(textual.Order(StringComparer.Ordinal), classified.Order(StringComparer.Ordinal));
    }
}
