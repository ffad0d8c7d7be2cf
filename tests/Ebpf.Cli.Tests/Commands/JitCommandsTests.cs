using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Commands;

/// <summary>The CLI's ways to use the JIT: the engine of prog run, run and conformance, and dump jited.</summary>
public sealed class JitCommandsTests
{
    private static string Bench(string name) => Path.Combine(RepositoryPaths.Shared, "bench", name);

    [Fact]
    public void Prog_run_takes_the_engine_as_a_bpftool_keyword_and_both_engines_agree()
    {
        string Result(string engine)
        {
            var (exitCode, output, error) = CliRunner.Run("prog", "run", Bench("xdp_count_drop.o"), "data_in", Bench("pkt_udp_512.bin"), "engine", engine, "--dump-maps");
            Assert.True(exitCode == 0, error);
            return System.Text.RegularExpressions.Regex.Replace(output, "duration: [0-9]+ns", "duration");
        }

        Assert.Equal(Result("interpreter"), Result("jit"));
        Assert.StartsWith("Return value: 1", Result("jit"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_engine_keyword_is_a_usage_error()
    {
        var (exitCode, _, error) = CliRunner.Run("prog", "run", Bench("xdp_count_drop.o"), "data_in", Bench("pkt_udp_512.bin"), "engine", "turbo");
        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown engine 'turbo'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_on_the_jit_prints_r0_and_refuses_what_the_checked_interpreter_finds_unsafe()
    {
        var sum = CliRunner.TempFile(".s", "ldxb %r0, [%r1]\nldxb %r2, [%r1+1]\nadd %r0, %r2\nexit\n");
        var (exitCode, output, _) = CliRunner.Run("run", sum, "--mem", "02 05", "--engine", "jit");
        Assert.Equal(0, exitCode);
        // Four instructions ran: with the budget every run has, compiled code counts them as the interpreter does.
        Assert.Equal("r0 = 0x7 (7) after 4 instructions\n", output);

        var (faulted, _, error) = CliRunner.Run("run", sum, "--mem", "02", "--engine", "jit");
        Assert.Equal(1, faulted);
        Assert.Contains("EBPF3001", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_on_the_jit_stops_an_endless_loop_at_its_budget()
    {
        var loop = CliRunner.TempFile(".s", "mov %r0, 0\nja -1\nexit\n");
        var (exitCode, _, error) = CliRunner.Run("run", loop, "--engine", "jit", "--budget", "1000");
        Assert.Equal(1, exitCode);
        Assert.Contains("EBPF3006", error, StringComparison.Ordinal);
        Assert.Contains("budget of 1000 instructions", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Conformance_on_the_jit_counts_the_skipped_checked_mode_cases()
    {
        var folder = Path.Combine(RepositoryPaths.TestData, "conformance");
        var (exitCode, output, _) = CliRunner.Run("conformance", folder, "--engine", "jit");
        Assert.Equal(0, exitCode);
        Assert.Matches("^[0-9]+ passed, 0 failed, [1-9][0-9]* skipped$", output.TrimEnd().Split('\n')[^1]);
        Assert.Contains("SKIP fault-null-dereference.data: skipped:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_jited_prints_each_function_s_il_under_its_instructions()
    {
        var (exitCode, output, error) = CliRunner.Run("prog", "dump", "jited", Path.Combine(RepositoryPaths.TestData, "bpf", "subprogs.o"), "program", "xdp_sub_proto");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("xdp_sub_proto:\nfunction ebpf_0:\n", output, StringComparison.Ordinal);
        Assert.Equal(4, output.Split('\n').Count(l => l.StartsWith("function ebpf_", StringComparison.Ordinal)));
        Assert.Contains("  // 0: ", output, StringComparison.Ordinal);
        Assert.Contains(": call ebpf_14", output, StringComparison.Ordinal);
        Assert.Contains(": ret", output, StringComparison.Ordinal);
    }
}
