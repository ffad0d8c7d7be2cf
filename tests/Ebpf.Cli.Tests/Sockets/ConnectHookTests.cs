using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ebpf.Cli.Tests.Sockets;

/// <summary>Real clients' <c>connect</c> calls redirected to a local server by the connect programs.</summary>
public sealed class ConnectHookTests
{
    /// <summary>Connects to argv[1]:argv[2] (blocking, or non-blocking with 'nonblocking' as argv[3]), sends 'ping', prints the reply.</summary>
    private const string Client = """
        import errno, select, socket, sys
        host, port = sys.argv[1], int(sys.argv[2])
        s = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET)
        if len(sys.argv) > 3:
            s.setblocking(False)
            result = s.connect_ex((host, port))
            print('connect', errno.errorcode.get(result, result), flush=True)
            select.select([], [s], [], 10)
            print('so_error', s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR), flush=True)
            s.setblocking(True)
        else:
            s.connect((host, port))
        s.sendall(b'ping')
        print('reply', s.recv(16).decode(), flush=True)
        """;

    [SocketHookFact]
    public void A_client_connecting_to_an_unused_address_is_redirected_to_the_local_server()
    {
        using var server = PongServer.Start(IPAddress.Loopback);
        using var policy = SocketHookFixture.LoadPolicy();
        // 127.0.0.2:<port 1> has no listener: only the redirect makes the connection succeed.
        Redirect(policy, IPAddress.Parse("127.0.0.2"), 1, IPAddress.Loopback, server.Port);
        using var session = SocketHookFixture.StartPython(policy, Client, "127.0.0.2", "1");
        var (exitCode, output, error) = SocketHookFixture.Finish(session);

        Assert.True(exitCode == 0, error);
        Assert.Equal("reply pong\n", output);
        Assert.Equal(1, session.Counters.Redirected);
    }

    [SocketHookFact]
    public void A_non_blocking_connect_still_returns_EINPROGRESS_and_completes_at_the_new_address()
    {
        using var server = PongServer.Start(IPAddress.Loopback);
        using var policy = SocketHookFixture.LoadPolicy();
        Redirect(policy, IPAddress.Parse("127.0.0.2"), 1, IPAddress.Loopback, server.Port);
        using var session = SocketHookFixture.StartPython(policy, Client, "127.0.0.2", "1", "nonblocking");
        var (exitCode, output, error) = SocketHookFixture.Finish(session);

        Assert.True(exitCode == 0, error);
        Assert.Equal("connect EINPROGRESS\nso_error 0\nreply pong\n", output);
    }

    [SocketHookFact]
    public void An_ipv6_client_is_redirected_to_another_port()
    {
        using var server = PongServer.Start(IPAddress.IPv6Loopback);
        using var policy = SocketHookFixture.LoadPolicy();
        var unused = SocketHookFixture.FreePort(AddressFamily.InterNetworkV6);
        Redirect(policy, IPAddress.Any, unused, IPAddress.Any, server.Port);
        using var session = SocketHookFixture.StartPython(policy, Client, "::1", unused.ToString(CultureInfo.InvariantCulture));
        var (exitCode, output, error) = SocketHookFixture.Finish(session);

        Assert.True(exitCode == 0, error);
        Assert.Equal("reply pong\n", output);
    }

    [SocketHookFact]
    public void A_connection_nothing_redirects_fails_as_it_would_without_the_hook()
    {
        using var policy = SocketHookFixture.LoadPolicy();
        var unused = SocketHookFixture.FreePort();
        using var session = SocketHookFixture.StartPython(policy, "import socket, sys\ntry:\n    socket.create_connection(('127.0.0.1', int(sys.argv[1])))\nexcept OSError as e:\n    sys.exit(e.errno)", unused.ToString(CultureInfo.InvariantCulture));
        var (exitCode, _, _) = SocketHookFixture.Finish(session);

        Assert.Equal(111, exitCode); // ECONNREFUSED
        Assert.Equal(1, session.Counters.Allowed);
    }

    private static void Redirect(Runtime.Loading.LoadedObject policy, IPAddress from, int fromPort, IPAddress to, int toPort)
    {
        static byte[] Endpoint(IPAddress address, int port) =>
            [.. (address.AddressFamily == AddressFamily.InterNetwork ? address.GetAddressBytes() : new byte[4]), .. BitConverter.GetBytes((uint)port)];
        Assert.Equal(Runtime.Maps.MapError.None, policy.FindMap("connect_redirect")!.Update(Endpoint(from, fromPort), Endpoint(to, toPort)));
    }
}
