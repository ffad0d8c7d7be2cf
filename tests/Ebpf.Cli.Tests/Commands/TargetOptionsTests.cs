using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Commands;

/// <summary>
/// <c>--btf</c> and <c>--kconfig</c> on <c>verify</c>, <c>prog run</c> and <c>prog dump xlated</c>, with testdata/core's
/// program relocated against core_target.c's layout (field b at 6, where the program's own layout has it at 1).
/// Golden file: regenerate with <c>EBPF_UPDATE_GOLDEN=1</c> and review the diff.
/// </summary>
public sealed class TargetOptionsTests
{
    private static string Core(string name) => Path.Combine(RepositoryPaths.TestData, "core", name);

    [Fact]
    public void Verify_with_btf_refuses_only_the_program_that_reaches_a_poisoned_relocation()
    {
        var (exitCode, output, error) = CliRunner.Run("verify", Core("core_local.o"), "--btf", Core("core_target.o"));
        Assert.True(exitCode == 1, $"exit {exitCode}: {error}{output}");
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Ebpf.Cli.Tests", "Golden", "verify-core-btf.txt");
        if (Environment.GetEnvironmentVariable("EBPF_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, output);
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public void Prog_run_with_btf_reads_the_field_where_the_target_has_it()
    {
        var packet = Path.Combine(Path.GetTempPath(), $"ebpf_cli_core_{Environment.ProcessId}.bin");
        File.WriteAllBytes(packet, [.. Enumerable.Range(0, 64).Select(i => (byte)i)]);
        try
        {
            var (exitCode, output, error) = CliRunner.Run("prog", "run", Core("core_local.o"), "program", "read_b", "data_in", packet, "--btf", Core("core_target.o"));
            Assert.True(exitCode == 0, $"exit {exitCode}: {error}{output}");
            Assert.Contains("Return value: 6,", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(packet);
        }
    }

    [Fact]
    public void Prog_dump_xlated_with_btf_shows_the_relocated_offset()
    {
        var (exitCode, output, error) = CliRunner.Run("prog", "dump", "xlated", Core("core_local.o"), "program", "read_w", "--btf", Core("core_target.o"));
        Assert.True(exitCode == 0, $"exit {exitCode}: {error}{output}");
        Assert.Contains("r0 = *(u32 *)(r1 + 16)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_btf_file_that_is_not_btf_is_bad_input()
    {
        var (exitCode, output, error) = CliRunner.Run("verify", Core("core_local.o"), "--btf", Core("core_local.c"));
        Assert.Equal(2, exitCode);
        Assert.Contains("EBPF4106", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kconfig_file_gives_the_externs_values()
    {
        var config = Path.Combine(Path.GetTempPath(), $"ebpf_cli_kconfig_{Environment.ProcessId}");
        File.WriteAllText(config, "CONFIG_HZ=1000\nCONFIG_BPF_SYSCALL=y\n");
        try
        {
            var (exitCode, output, error) = CliRunner.Run("prog", "run", Core("kconfig.o"), "program", "options", "data_in", Core("core_local.c"), "--kconfig", config);
            Assert.True(exitCode == 0, $"exit {exitCode}: {error}{output}");
            // HZ * 1000 + BPF_SYSCALL * 100 + LINUX_HAS_BPF_COOKIE * 10^7; the weak options absent.
            Assert.Contains("Return value: 11000100,", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
