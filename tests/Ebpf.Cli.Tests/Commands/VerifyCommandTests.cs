using System.Text.Json;
using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Commands;

/// <summary>
/// <c>ebpf verify</c> and <c>prog run --unverified</c>. Golden files: regenerate with <c>EBPF_UPDATE_GOLDEN=1</c>
/// and review the diff.
/// </summary>
public sealed class VerifyCommandTests
{
    private static string Corpus(string name) => Path.Combine(RepositoryPaths.TestData, "verifier", "c", name);

    private static string Packet => Path.Combine(RepositoryPaths.Shared, "bench", "pkt_udp_512.bin");

    public static TheoryData<string, int, string[]> GoldenCases() => new()
    {
        { "verify-null-check-bug.txt", 1, ["verify", "testdata/verifier/c/null_check.bug.o"] },
        { "verify-packet-bounds-bug.json", 1, ["verify", "testdata/verifier/c/packet_bounds.bug.o", "--json"] },
        { "verify-null-check-twin-verbose.txt", 0, ["verify", "testdata/verifier/c/null_check.twin.o", "--verbose"] },
        { "verify-unbounded-loop-bug.txt", 1, ["verify", "testdata/verifier/c/unbounded_loop.bug.o"] },
    };

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Output_matches_its_golden_file(string golden, int expectedExit, string[] args)
    {
        var arguments = args.Select(a => a.EndsWith(".o", StringComparison.Ordinal) ? Path.GetFullPath(Path.Combine(RepositoryPaths.Root, a)) : a).ToArray();
        var (exitCode, output, error) = CliRunner.Run(arguments);
        Assert.True(exitCode == expectedExit, $"exit {exitCode}: {error}{output}");
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Ebpf.Cli.Tests", "Golden", golden);
        if (Environment.GetEnvironmentVariable("EBPF_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, output);
        }

        Assert.True(File.Exists(path), $"{golden} is missing; run with EBPF_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public void A_rejection_names_the_code_instruction_source_line_and_disassembly()
    {
        var (exitCode, output, _) = CliRunner.Run("verify", Corpus("null_check.bug.o"));

        Assert.Equal(1, exitCode);
        Assert.Contains("program count_by_ifindex (xdp): rejected", output, StringComparison.Ordinal);
        Assert.Contains("error EBPF5206 at instruction", output, StringComparison.Ordinal);
        Assert.Contains("null_check.c:", output, StringComparison.Ordinal);
        Assert.Contains("__sync_fetch_and_add(count, 1);", output, StringComparison.Ordinal);
        Assert.Contains("lock *(u64 *)(r0 + 0) += r1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_the_stable_fields_tools_read()
    {
        var (exitCode, output, _) = CliRunner.Run("verify", Corpus("null_check.bug.o"), "--json", "--stats");

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("accepted").GetBoolean());
        var program = json.RootElement.GetProperty("programs")[0];
        Assert.Equal("count_by_ifindex", program.GetProperty("name").GetString());
        Assert.Equal("xdp", program.GetProperty("type").GetString());
        var diagnostic = program.GetProperty("diagnostics")[0];
        Assert.Equal("EBPF5206", diagnostic.GetProperty("id").GetString());
        Assert.True(diagnostic.GetProperty("instruction").GetInt32() >= 0);
        Assert.Equal("null_check.c", diagnostic.GetProperty("source").GetProperty("file").GetString());
        Assert.True(program.GetProperty("statistics").GetProperty("instructions").GetInt32() > 0);
    }

    [Fact]
    public void Every_accepted_program_exits_zero_and_one_rejection_exits_one()
    {
        Assert.Equal(0, CliRunner.Run("verify", Corpus("null_check.twin.o")).ExitCode);
        Assert.Equal(1, CliRunner.Run("verify", Corpus("tail_call_map.bug.o")).ExitCode);
    }

    [Fact]
    public void Bad_input_exits_two()
    {
        Assert.Equal(2, CliRunner.Run("verify", Corpus("no_such_object.o")).ExitCode);
        Assert.Equal(2, CliRunner.Run("verify", Corpus("null_check.twin.o"), "program", "nope").ExitCode);
        Assert.Equal(2, CliRunner.Run("verify", CliRunner.TempFile(".o", [0x7f, (byte)'E', (byte)'L', (byte)'F'])).ExitCode);
    }

    [Fact]
    public void Stats_report_time_and_memory_per_program()
    {
        var (exitCode, output, _) = CliRunner.Run("verify", Path.Combine(RepositoryPaths.Shared, "bench", "xdp_flow_table.o"), "--stats");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"stats: \d+ instructions, \d+ blocks, \d+ iterations, [0-9.]+ ms, [0-9.]+ KiB allocated", output);
    }

    [Fact]
    public void Prog_run_refuses_a_program_the_verifier_rejects()
    {
        var (exitCode, _, error) = CliRunner.Run("prog", "run", Corpus("null_check.bug.o"), "data_in", Packet);

        Assert.Equal(2, exitCode);
        Assert.Contains("EBPF5206", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prog_run_unverified_runs_checked_and_reports_the_fault()
    {
        var (exitCode, _, error) = CliRunner.Run("prog", "run", Corpus("null_check.bug.o"), "data_in", Packet, "--unverified");

        Assert.Equal(1, exitCode);
        Assert.Contains("EBPF3001", error, StringComparison.Ordinal);
    }
}
