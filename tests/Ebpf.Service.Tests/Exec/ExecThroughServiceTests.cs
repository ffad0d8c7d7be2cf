using System.Globalization;
using System.Text.Json;
using Ebpf.Service.Tests.Persistence;
using Ebpf.Service.Tests.Processes;
using Xunit.Abstractions;
using static Ebpf.Service.Tests.Exec.ExecLinkFixture;

namespace Ebpf.Service.Tests.Exec;

/// <summary>
/// Issue 9 part 3 through the real tools: ebpfd as a process, the socket policy loaded and pinned with the CLI,
/// <c>ebpf exec --bind pinned ...</c> running python under an exec link the service owns; from other processes,
/// <c>map dump</c> shows the count while it runs, <c>map update</c> changes the next bind's redirect and refusal,
/// <c>link show</c> lists the link with the command's pid, and the link is gone once the command exits.
/// </summary>
public sealed class ExecThroughServiceTests(ITestOutputHelper log)
{
    [ExecLinkFact]
    public void The_service_owns_the_command_s_hooks_and_map_commands_reach_their_maps_while_it_runs()
    {
        var folder = TestService.NewFolder();
        var pins = Path.GetDirectoryName(Objects.PinPath("x"))!;
        using var daemon = EbpfdProcess.Start(folder);
        var cli = (string[] args) => RestartTests.Ok(Binaries.Cli(daemon.SocketPath, args));
        cli(["prog", "loadall", Policy, pins, "pinmaps", pins + "/maps"]);
        int first = FreePort(), redirected = FreePort(), denied = FreePort();

        var (exec, output, error) = StartExec(daemon, folder, pins, first, first, denied);
        try
        {
            WaitFor(() => output.After("step 0 ") is not null || exec.HasExited, "the first bind");
            Assert.Equal("port " + Text(first), output.After("step 0 "));
            var pid = int.Parse(output.After("pid ")!, CultureInfo.InvariantCulture);

            Assert.Equal(1ul, Count(cli, pins, first));
            var link = Assert.Single(Links(cli));
            Assert.Matches($"^[0-9]+: exec  prog [0-9]+  pid {pid}  command python3\n\tallowed 1  redirected 0  denied 0  unhooked 0  passed 0  faults 0\n$",
                cli(["link", "show"]).Output.ReplaceLineEndings("\n"));
            Assert.Equal(("exec", pid, "python3"), (link.GetProperty("type").GetString(), link.GetProperty("process_id").GetInt32(), link.GetProperty("command").GetString()));
            Assert.Equal(1, link.GetProperty("calls").GetProperty("allowed").GetInt32());

            cli(["map", "update", "pinned", pins + "/maps/bind_redirect", "key", "hex", Hex(first), "value", "hex", Hex(redirected)]);
            cli(["map", "update", "pinned", pins + "/maps/denied_ports", "key", "hex", Hex(denied), "value", "hex", Hex(1)]);
            File.WriteAllText(Path.Combine(folder, "step1"), "");
            WaitFor(() => output.After("step 1 ") is not null, "the redirected bind");
            File.WriteAllText(Path.Combine(folder, "step2"), "");
            WaitFor(() => output.After("step 2 ") is not null, "the refused bind");

            Assert.Equal("port " + Text(redirected), output.After("step 1 "));
            Assert.Equal("errno 1", output.After("step 2 ")); // EPERM
            Assert.Equal(2ul, Count(cli, pins, first));
            var calls = Assert.Single(Links(cli)).GetProperty("calls");
            Assert.Equal((1, 1, 1), (calls.GetProperty("allowed").GetInt32(), calls.GetProperty("redirected").GetInt32(), calls.GetProperty("denied").GetInt32()));

            File.WriteAllText(Path.Combine(folder, "end"), "");
            Assert.True(exec.WaitForExit(TimeSpan.FromMinutes(1)), "ebpf exec did not end with its command");
            exec.WaitForExit();
            Assert.True(exec.ExitCode == 0, $"exit {exec.ExitCode}\n{output.All}\n{error.All}");
            WaitFor(() => Links(cli).Count == 0, "the link to go with the command", seconds: 10);
        }
        finally
        {
            if (!exec.HasExited)
            {
                exec.Kill(entireProcessTree: true);
            }

            exec.Dispose();
            log.WriteLine(error.All);
            log.WriteLine(daemon.Log);
            TestService.DeleteFolder(folder);
        }
    }

    [ExecLinkFact]
    public void A_command_whose_ebpf_exec_dies_stays_supervised_by_the_service_until_it_exits()
    {
        var folder = TestService.NewFolder();
        var pins = Path.GetDirectoryName(Objects.PinPath("x"))!;
        using var daemon = EbpfdProcess.Start(folder);
        var cli = (string[] args) => RestartTests.Ok(Binaries.Cli(daemon.SocketPath, args));
        cli(["prog", "loadall", Policy, pins, "pinmaps", pins + "/maps"]);
        var denied = FreePort();
        cli(["map", "update", "pinned", pins + "/maps/denied_ports", "key", "hex", Hex(denied), "value", "hex", Hex(1)]);
        var (exec, output, error) = StartExec(daemon, folder, pins, FreePort(), denied);
        try
        {
            WaitFor(() => output.After("step 0 ") is not null || exec.HasExited, "the first bind");
            exec.Kill(); // the CLI alone: python, its child, runs on
            Assert.True(exec.WaitForExit(TimeSpan.FromSeconds(30)));

            File.WriteAllText(Path.Combine(folder, "step1"), "");
            WaitFor(() => output.After("step 1 ") is not null, "the bind after ebpf exec died");
            Assert.Equal("errno 1", output.After("step 1 ")); // still refused by the service's program
            Assert.Single(Links(cli));

            File.WriteAllText(Path.Combine(folder, "end"), "");
            WaitFor(() => Links(cli).Count == 0, "the link to go with the command");
        }
        finally
        {
            File.WriteAllText(Path.Combine(folder, "end"), "");
            exec.Dispose();
            log.WriteLine(output.All + error.All);
            TestService.DeleteFolder(folder);
        }
    }

    [ExecLinkFact]
    public void A_command_whose_service_is_killed_gets_ENOSYS_from_its_later_binds_and_no_link_comes_back()
    {
        var folder = TestService.NewFolder();
        var pins = Path.GetDirectoryName(Objects.PinPath("x"))!;
        var port = FreePort();
        var daemon = EbpfdProcess.Start(folder);
        RestartTests.Ok(Binaries.Cli(daemon.SocketPath, "prog", "loadall", Policy, pins));
        var (exec, output, error) = StartExec(daemon, folder, pins, port, port);
        try
        {
            WaitFor(() => output.After("step 0 ") is not null || exec.HasExited, "the first bind");
            Assert.Equal("port " + Text(port), output.After("step 0 "));
            daemon.Kill();

            File.WriteAllText(Path.Combine(folder, "step1"), "");
            WaitFor(() => output.After("step 1 ") is not null, "the bind after the service died");
            Assert.Equal("errno 38", output.After("step 1 ")); // ENOSYS: the listener closed with the service

            using var restarted = EbpfdProcess.Start(folder);
            Assert.Empty(Links(args => RestartTests.Ok(Binaries.Cli(restarted.SocketPath, args))));
        }
        finally
        {
            File.WriteAllText(Path.Combine(folder, "end"), "");
            exec.WaitForExit(TimeSpan.FromSeconds(30));
            exec.Dispose();
            daemon.Dispose();
            log.WriteLine(output.All + error.All);
            TestService.DeleteFolder(folder);
        }
    }

    [SecondUserFact]
    public void A_caller_who_may_not_attach_is_refused_and_its_command_never_runs()
    {
        if (Unavailable is { } reason || !OperatingSystem.IsLinux())
        {
            log.WriteLine("skipped: " + (Unavailable ?? "Linux only"));
            return;
        }

        var folder = TestService.NewFolder();
        var shared = Path.Combine(folder, "shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("777", 8));
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("755", 8));
        var pins = Path.GetDirectoryName(Objects.PinPath("x"))!;
        var ran = Path.Combine(shared, "ran");
        try
        {
            using var daemon = EbpfdProcess.Start(folder);
            RestartTests.Ok(Binaries.Cli(daemon.SocketPath, "prog", "loadall", Policy, pins));

            var refused = Binaries.Cli(daemon.SocketPath, ["exec", "--bind", "pinned", pins + "/bind4", "--", Python!, "-c", "import sys; open(sys.argv[1], 'w')", ran], TestUser.Ids);
            log.WriteLine(refused.ToString());

            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("EBPF7002", refused.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(ran), "the refused caller's command ran");
            Assert.Empty(Links(args => RestartTests.Ok(Binaries.Cli(daemon.SocketPath, args))));
        }
        finally
        {
            TestService.DeleteFolder(folder);
        }
    }

    /// <summary><c>ebpf exec --bind pinned PINS/bind4 -- python3 -c BINDER FOLDER PORTS...</c> through the daemon, its output collected.</summary>
    private static (System.Diagnostics.Process Process, Lines Output, Lines Error) StartExec(EbpfdProcess daemon, string folder, string pins, params int[] ports)
    {
        var start = Binaries.Start(null);
        foreach (var arg in new[] { Binaries.Ebpf, "exec", "--bind", "pinned", pins + "/bind4", "--", Python!, "-c", Binder, folder }.Concat(ports.Select(Text)))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["EBPF_SOCKET"] = daemon.SocketPath;
        return Start(start);
    }

    private static List<JsonElement> Links(Func<string[], ToolResult> cli) =>
        [.. JsonDocument.Parse(cli(["link", "show", "-j"]).Output).RootElement.EnumerateArray()];

    /// <summary>The policy's <c>bind_count</c> of a port, read with <c>map lookup</c> by another process.</summary>
    private static ulong Count(Func<string[], ToolResult> cli, string pins, int port)
    {
        var dump = JsonDocument.Parse(cli(["map", "dump", "pinned", pins + "/maps/bind_count", "-j"]).Output).RootElement;
        var entry = dump.EnumerateArray().Single(e => Bytes(e.GetProperty("key")).SequenceEqual(BitConverter.GetBytes((uint)port)));
        return BitConverter.ToUInt64(Bytes(entry.GetProperty("value")));
    }

    private static byte[] Bytes(JsonElement hex) => [.. hex.EnumerateArray().Select(b => Convert.ToByte(b.GetString(), 16))];

    private static string Hex(int value) => Convert.ToHexString(BitConverter.GetBytes((uint)value));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
