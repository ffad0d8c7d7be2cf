using System.Text.Json;
using Ebpf.Cli.Tests.Sockets;
using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Commands;

/// <summary><c>ebpf exec</c>: program choice, the command's exit code, and the maps and counters it prints at exit.</summary>
public sealed class ExecCommandTests
{
    private static readonly string Policy = Path.Combine(RepositoryPaths.TestData, "sockets", "sock_policy.o");

    [SocketHookFact]
    public void Exec_exits_with_the_commands_code_and_prints_the_counts_as_json()
    {
        var (exitCode, output, error) = CliRunner.Run("exec", "--bind", Policy + ":bind4", "--json", "--",
            SocketHookFixture.Python!, "-c", "import socket, sys; socket.socket().bind(('127.0.0.1', 0)); sys.exit(7)");

        Assert.True(exitCode == 7, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(7, root.GetProperty("exit_code").GetInt32());
        Assert.Equal(1, root.GetProperty("calls").GetProperty("allowed").GetInt32());
        var counts = root.GetProperty("maps").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "bind_count");
        var entry = Assert.Single(counts.GetProperty("entries").EnumerateArray());
        Assert.Equal(["00", "00", "00", "00"], entry.GetProperty("key").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal("01", entry.GetProperty("value")[0].GetString());
    }

    [Fact]
    public void A_bind_program_given_as_a_connect_program_is_refused()
    {
        var (exitCode, _, error) = CliRunner.Run("exec", "--connect", Policy + ":bind4", "--", "true");

        Assert.Equal(2, exitCode);
        Assert.Contains("EBPF6101", error, StringComparison.Ordinal);
        Assert.Contains("cgroup/connect4 or cgroup/connect6", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_without_programs_for_the_hook_is_refused()
    {
        var xdp = Path.Combine(RepositoryPaths.TestData, "xdp", "xdp_drop_udp.o");
        var (exitCode, _, error) = CliRunner.Run("exec", "--bind", xdp, "--", "true");

        Assert.Equal(2, exitCode);
        Assert.Contains("the object has no cgroup/bind4, cgroup/bind6 or (eBPF for Windows) bind program", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_shape_a_local_load_are_refused_with_programs_of_the_service()
    {
        var (exitCode, _, error) = CliRunner.Run("exec", "--bind", "pinned", "/sys/fs/bpf/policy/bind4", "--json", "--", "true");

        Assert.Equal(2, exitCode);
        Assert.Contains("--json applies to object files", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_file_beside_programs_of_the_service_is_refused_before_anything_runs()
    {
        var socket = Path.Combine(Path.GetTempPath(), "ebpf-no-service-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        var (exitCode, _, error) = CliRunner.Run("exec", "--bind", "id", "3", "--bind", Policy, "--socket", socket, "--", "true");

        Assert.Equal(2, exitCode);
        Assert.Contains("is an object file, but other programs are the service's", error, StringComparison.Ordinal);
    }

    [SocketHookFact]
    public void A_command_that_cannot_be_executed_exits_127_as_a_shell_would()
    {
        var (exitCode, _, _) = CliRunner.Run("exec", "--bind", Policy, "--", "/nonexistent/command");

        Assert.Equal(127, exitCode);
    }
}
