using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Ebpf.Cli.Commands;
using Ebpf.Elf;
using Ebpf.Hooks.Sockets;
using Ebpf.Runtime.Loading;
using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Sockets;

/// <summary>
/// An eBPF for Windows <c>bind</c> program (testdata/sockets/windows/win_bind.o: Windows' section, context and helper
/// numbers) deciding real binds: BIND_DENY fails them with EPERM, BIND_REDIRECT binds where the program wrote, and the
/// per-process counter sees the caller's pid and executable name.
/// </summary>
public sealed class WindowsBindHookTests
{
    /// <summary>Prints its pid, then binds each argument as 127.0.0.1:port (TCP), printing the port bound or the errno.</summary>
    private const string BindEach = """
        import os, socket, sys
        print('pid', os.getpid(), flush=True)
        for port in sys.argv[1:]:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                s.bind(('127.0.0.1', int(port)))
                print('bound', s.getsockname()[1], flush=True)
            except OSError as e:
                print('errno', e.errno, flush=True)
        """;

    private static LoadedObject Load() =>
        LoadedObject.Load(ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "windows", "win_bind.o")));

    private static SocketHookSession Start(LoadedObject program, params int[] ports) =>
        SocketHookSession.Start(new SocketHookOptions(
            [SocketHookFixture.Python!, "-c", BindEach, .. ports.Select(p => p.ToString(CultureInfo.InvariantCulture))],
            new SocketHookPrograms().With(program.Programs.Single(), SocketCallKind.Bind),
            ExecCommand.Launcher()) { Objects = [program], RedirectOutput = true });

    private static void Put(LoadedObject program, string map, ushort key, byte[] value) =>
        Assert.Equal(Runtime.Maps.MapError.None, program.FindMap(map)!.Update(BitConverter.GetBytes(key), value));

    [SocketHookFact]
    public void A_denied_port_fails_with_EPERM_and_another_is_permitted()
    {
        using var program = Load();
        int denied = SocketHookFixture.FreePort(), allowed = SocketHookFixture.FreePort();
        Put(program, "denied_ports", (ushort)denied, [1]);
        using var session = Start(program, denied, allowed);
        var (exitCode, output, error) = SocketHookFixture.Finish(session);

        Assert.True(exitCode == 0, error);
        Assert.EndsWith($"errno 1\nbound {allowed}\n", output, StringComparison.Ordinal);
        Assert.Equal((1, 1), (session.Counters.Denied, session.Counters.Allowed));
    }

    [SocketHookFact]
    public void A_redirected_bind_lands_on_the_port_the_program_wrote_into_socket_address()
    {
        using var program = Load();
        int asked = SocketHookFixture.FreePort(), given = SocketHookFixture.FreePort();
        Put(program, "port_redirect", (ushort)asked, BitConverter.GetBytes((ushort)given));
        using var session = Start(program, asked);
        var (_, output, error) = SocketHookFixture.Finish(session);

        Assert.True(output.EndsWith($"bound {given}\n", StringComparison.Ordinal), output + error);
        Assert.Equal(1, session.Counters.Redirected);
    }

    [SocketHookFact]
    public void The_program_counts_binds_per_process_under_the_callers_pid_and_executable_name()
    {
        using var program = Load();
        using var session = Start(program, SocketHookFixture.FreePort(), SocketHookFixture.FreePort());
        var (_, output, _) = SocketHookFixture.Finish(session);
        var pid = ulong.Parse(output.Split('\n')[0]["pid ".Length..], CultureInfo.InvariantCulture);

        var entry = new byte[36];
        Assert.True(program.FindMap("process_binds")!.TryLookup(BitConverter.GetBytes(pid), entry));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(entry));
        // The name is the executable's file name in UTF-16 (as Windows' app id), cut to the 32 bytes the program keeps.
        var executable = Path.GetFileName(new FileInfo(SocketHookFixture.Python!).ResolveLinkTarget(true)?.FullName ?? SocketHookFixture.Python!);
        var expected = Encoding.Unicode.GetBytes(executable + "\0");
        Assert.Equal(expected[..Math.Min(32, expected.Length)], entry[4..(4 + Math.Min(32, expected.Length))]);
    }

    [SocketHookFact]
    public void Exec_takes_a_windows_bind_object_and_reports_the_refusal()
    {
        var denied = SocketHookFixture.FreePort();
        var script = $"import socket, sys\ntry:\n  socket.socket().bind(('127.0.0.1', {denied}))\nexcept PermissionError as e:\n  sys.exit(e.errno)";
        var objectPath = Path.Combine(RepositoryPaths.TestData, "sockets", "windows", "win_bind.o");

        // No map entry: the program permits; the exit code is the command's.
        var (exitCode, output, error) = CliRunner.Run("exec", "--bind", objectPath, "--platform", "windows", "--json", "--", SocketHookFixture.Python!, "-c", script);

        Assert.True(exitCode == 0, error);
        Assert.Contains("\"allowed\": 1", output, StringComparison.Ordinal);
    }
}
