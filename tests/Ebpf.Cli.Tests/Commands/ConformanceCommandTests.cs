using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Commands;

public sealed class ConformanceCommandTests
{
    [Fact]
    public void Our_corpus_passes_and_the_last_line_counts_the_tests()
    {
        var folder = Path.Combine(RepositoryPaths.TestData, "conformance");
        var (exitCode, output, _) = CliRunner.Run("conformance", folder);
        Assert.Equal(0, exitCode);
        var count = Directory.GetFiles(folder, "*.data").Length;
        Assert.Equal($"{count} passed, 0 failed", output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void Failures_are_listed_with_expected_and_actual_values_and_set_the_exit_code()
    {
        var test = CliRunner.TempFile(".data", "-- asm\nmov %r0, 3\nexit\n-- result\n0x4\n");
        var (exitCode, output, _) = CliRunner.Run("conformance", test);
        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
        Assert.Contains("expected 0x4, got 0x3", output, StringComparison.Ordinal);
        Assert.EndsWith("0 passed, 1 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_failure_turns_the_verdict_round()
    {
        var test = CliRunner.TempFile(".data", "-- asm\nmov %r0, 3\nexit\n-- result\n0x4\n");
        var (exitCode, output, _) = CliRunner.Run("conformance", "--expect-failure", test);
        Assert.Equal(0, exitCode);
        Assert.EndsWith("1 passed, 0 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_a_diagnostic_not_a_crash()
    {
        var (exitCode, _, error) = CliRunner.Run("conformance", "/no/such/folder");
        Assert.Equal(2, exitCode);
        Assert.Contains("EBPF9001", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_engine_is_refused_by_the_parser()
    {
        var (exitCode, _, error) = CliRunner.Run("conformance", RepositoryPaths.TestData, "--engine", "quantum");
        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown engine 'quantum'", error, StringComparison.Ordinal);
    }
}
