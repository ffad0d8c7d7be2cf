using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Ebpf.Cli.Commands;
using Ebpf.Elf;
using Ebpf.Hooks.Sockets;
using Ebpf.Runtime.Loading;
using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Sockets;

/// <summary>
/// An eBPF for Windows <c>cgroup/connect4</c> program (testdata/windows/win_connect.o: Windows' <c>bpf_sock_addr_t</c>,
/// verdicts and helper numbers) deciding a real client's connects: it redirects by rewriting <c>user_ip4</c> and
/// <c>user_port</c>, rejects with EPERM, and sees the caller's pid through its own helper 65536.
/// </summary>
public sealed class WindowsConnectHookTests
{
    /// <summary>Prints its pid, connects to argv[1]:argv[2], sends 'ping' and prints the reply, or the errno.</summary>
    private const string Client = """
        import os, socket, sys
        print('pid', os.getpid(), flush=True)
        s = socket.socket()
        try:
            s.connect((sys.argv[1], int(sys.argv[2])))
            s.sendall(b'ping')
            print('reply', s.recv(16).decode(), flush=True)
        except OSError as e:
            print('errno', e.errno, flush=True)
        """;

    private static string ObjectPath => Path.Combine(RepositoryPaths.TestData, "windows", "win_connect.o");

    private static LoadedObject Load() => LoadedObject.Load(ObjectReader.ReadFile(ObjectPath));

    private static SocketHookSession Start(LoadedObject policy, string host, int port) =>
        SocketHookSession.Start(new SocketHookOptions(
            [SocketHookFixture.Python!, "-c", Client, host, port.ToString(CultureInfo.InvariantCulture)],
            new SocketHookPrograms().With(policy.FindProgram("redirect_v4")!, SocketCallKind.Connect),
            ExecCommand.Launcher()) { Objects = [policy], RedirectOutput = true });

    /// <summary>The program's <c>struct endpoint</c>: address and port in network order, then the reject flag.</summary>
    private static byte[] Endpoint(IPAddress address, int port, ushort reject = 0)
    {
        var bytes = new byte[8];
        address.GetAddressBytes().CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)port);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), reject);
        return bytes;
    }

    [SocketHookFact]
    public void A_windows_connect_program_redirects_a_python_client_to_the_local_server()
    {
        using var server = PongServer.Start(IPAddress.Loopback);
        using var policy = Load();
        // 127.0.0.2:1 has no listener: only the redirect makes the connection succeed.
        Assert.Equal(Runtime.Maps.MapError.None, policy.FindMap("redirects")!.Update(Endpoint(IPAddress.Parse("127.0.0.2"), 1), Endpoint(IPAddress.Loopback, server.Port)));
        using var session = Start(policy, "127.0.0.2", 1);
        var (exitCode, output, error) = SocketHookFixture.Finish(session);

        Assert.True(exitCode == 0, error);
        Assert.EndsWith("reply pong\n", output, StringComparison.Ordinal);
        Assert.Equal(1, session.Counters.Redirected);
        var pid = ulong.Parse(output.Split('\n')[0]["pid ".Length..], CultureInfo.InvariantCulture);
        Assert.Equal(pid, policy.FindMap("last_caller")!.Lookup<uint, ulong>(0) >> 32);
    }

    [SocketHookFact]
    public void A_rejected_destination_fails_the_connect_with_EPERM()
    {
        using var policy = Load();
        var port = SocketHookFixture.FreePort();
        Assert.Equal(Runtime.Maps.MapError.None, policy.FindMap("redirects")!.Update(Endpoint(IPAddress.Loopback, port), Endpoint(IPAddress.Any, 0, reject: 1)));
        using var session = Start(policy, "127.0.0.1", port);
        var (_, output, error) = SocketHookFixture.Finish(session);

        Assert.True(output.EndsWith("errno 1\n", StringComparison.Ordinal), output + error);
        Assert.Equal(1, session.Counters.Denied);
    }

    [SocketHookFact]
    public void The_connect6_program_sees_an_ipv6_destination_and_rejects_port_9()
    {
        using var policy = Load();
        var programs = new SocketHookPrograms().With(policy.FindProgram("reject_discard_v6")!, SocketCallKind.Connect);
        var script = "import socket\nfor port in (9, 1):\n  s = socket.socket(socket.AF_INET6)\n  try:\n    s.connect(('::1', port))\n  except OSError as e:\n    print('errno', e.errno, flush=True)";
        using var session = SocketHookSession.Start(new SocketHookOptions([SocketHookFixture.Python!, "-c", script], programs, ExecCommand.Launcher())
        {
            Objects = [policy],
            RedirectOutput = true,
        });
        var (_, output, error) = SocketHookFixture.Finish(session);

        // Port 9 is refused by the program (EPERM); port 1 proceeds and is refused by the stack (ECONNREFUSED).
        Assert.True(output == "errno 1\nerrno 111\n", output + error);
        Assert.Equal((1, 1), (session.Counters.Denied, session.Counters.Allowed));
    }

    [SocketHookFact]
    public void Exec_takes_the_windows_object_and_counts_the_allowed_connect()
    {
        var port = SocketHookFixture.FreePort();
        var script = $"import socket, sys\ntry:\n  socket.create_connection(('127.0.0.1', {port}))\nexcept OSError as e:\n  sys.exit(0 if e.errno == 111 else e.errno)";

        var (exitCode, output, error) = CliRunner.Run("exec", "--connect", ObjectPath, "--json", "--", SocketHookFixture.Python!, "-c", script);

        Assert.True(exitCode == 0, error);
        Assert.Contains("\"allowed\": 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recv_accept_program_is_refused_with_EBPF6140()
    {
        var (exitCode, _, error) = CliRunner.Run("exec", "--connect", ObjectPath + ":admit_v4", "--", "true");

        Assert.Equal(2, exitCode);
        Assert.Contains("EBPF6140", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Socket_hook_programs_refuse_a_recv_accept_program_and_take_the_connect_ones()
    {
        using var policy = Load();
        var programs = new SocketHookPrograms()
            .With(policy.FindProgram("redirect_v4")!)
            .With(policy.FindProgram("reject_discard_v6")!, SocketCallKind.Connect);

        Assert.Equal(("redirect_v4", "reject_discard_v6"), (programs.WindowsConnect4?.Name, programs.WindowsConnect6?.Name));
        var refused = Assert.Throws<Core.Diagnostics.DiagnosticException>(() => programs.With(policy.FindProgram("admit_v4")!));
        Assert.Equal(Core.Diagnostics.DiagnosticCode.RecvAcceptNotHooked, Assert.Single(refused.Diagnostics).Code);
        Assert.Throws<Core.Diagnostics.DiagnosticException>(() => programs.With(policy.FindProgram("redirect_v4")!, SocketCallKind.Bind));
    }
}
