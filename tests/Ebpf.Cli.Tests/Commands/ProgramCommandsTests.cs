namespace Ebpf.Cli.Tests.Commands;

public sealed class ProgramCommandsTests
{
    private const string Sum = "ldxb %r0, [%r1]\nldxb %r2, [%r1+1]\nadd %r0, %r2\nexit\n";

    [Fact]
    public void Run_prints_r0_for_the_given_memory()
    {
        var (exitCode, output, _) = CliRunner.Run("run", CliRunner.TempFile(".s", Sum), "--mem", "02 05");
        Assert.Equal(0, exitCode);
        Assert.StartsWith("r0 = 0x7 (7) after 4 instructions", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_reports_a_fault_with_code_and_instruction()
    {
        var (exitCode, _, error) = CliRunner.Run("run", CliRunner.TempFile(".s", Sum), "--mem", "02");
        Assert.Equal(1, exitCode);
        Assert.Contains("EBPF3001", error, StringComparison.Ordinal);
        Assert.Contains("instruction 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Asm_then_disasm_prints_objdump_syntax()
    {
        var binary = Path.ChangeExtension(CliRunner.TempFile(".s", Sum), ".bin");
        var source = CliRunner.TempFile(".s", Sum);
        Assert.Equal(0, CliRunner.Run("asm", source, "-o", binary).ExitCode);
        var (exitCode, output, _) = CliRunner.Run("disasm", binary);
        Assert.Equal(0, exitCode);
        Assert.Equal("0: r0 = *(u8 *)(r1 + 0)\n1: r2 = *(u8 *)(r1 + 1)\n2: r0 += r2\n3: exit\n", output);
    }

    [Theory]
    [InlineData(".bin", new byte[] { 0x95, 0, 0, 0, 0, 0, 0 }, "EBPF1002")]
    [InlineData(".bin", new byte[] { 0xff, 0, 0, 0, 0, 0, 0, 0 }, "EBPF1003")]
    [InlineData(".o", new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 }, "EBPF9003")]
    public void Malformed_programs_get_a_diagnostic(string extension, byte[] contents, string code)
    {
        var (exitCode, output, error) = CliRunner.Run("disasm", CliRunner.TempFile(extension, contents));
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains(code, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Assembly_errors_name_the_file_and_line()
    {
        var source = CliRunner.TempFile(".s", "mov %r0, 1\nfrobnicate %r0\nexit\n");
        var (exitCode, _, error) = CliRunner.Run("asm", source);
        Assert.Equal(2, exitCode);
        Assert.Contains("EBPF2001", error, StringComparison.Ordinal);
        Assert.Contains($"{source}:2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_memory_hex_is_a_diagnostic()
    {
        var (exitCode, _, error) = CliRunner.Run("run", CliRunner.TempFile(".s", Sum), "--mem", "zz");
        Assert.Equal(2, exitCode);
        Assert.Contains("EBPF9003", error, StringComparison.Ordinal);
    }
}
