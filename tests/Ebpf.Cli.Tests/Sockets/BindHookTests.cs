using System.Net.Sockets;

namespace Ebpf.Cli.Tests.Sockets;

/// <summary>Real programs' <c>bind</c> calls through the hooks: refused, redirected, counted, and untouched where no program applies.</summary>
public sealed class BindHookTests
{
    /// <summary>Binds each argument as host:port (TCP) and exits with the errno of the first failure, printing each bound port.</summary>
    private const string BindEach = """
        import socket, sys
        for target in sys.argv[1:]:
            host, port = target.rsplit(':', 1)
            family = socket.AF_INET6 if ':' in host else socket.AF_INET
            s = socket.socket(family, socket.SOCK_STREAM)
            try:
                s.bind((host, int(port)))
            except OSError as e:
                print('errno', e.errno, flush=True)
                sys.exit(e.errno)
            print('bound', s.getsockname()[1], flush=True)
        """;

    [SocketHookFact]
    public void A_server_refused_its_port_fails_with_EPERM()
    {
        using var policy = SocketHookFixture.LoadPolicy();
        var port = SocketHookFixture.FreePort();
        SocketHookFixture.Put(policy, "denied_ports", (uint)port, 1);
        using var session = SocketHookFixture.Start(policy, [SocketHookFixture.Python!, "-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1"]);
        var (exitCode, _, error) = SocketHookFixture.Finish(session);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("PermissionError: [Errno 1] Operation not permitted", error, StringComparison.Ordinal);
        Assert.Equal(1, session.Counters.Denied);
    }

    [SocketHookFact]
    public void A_refused_ipv6_bind_and_an_allowed_one_each_see_what_the_program_decided()
    {
        using var policy = SocketHookFixture.LoadPolicy();
        int allowed = SocketHookFixture.FreePort(AddressFamily.InterNetworkV6), denied = SocketHookFixture.FreePort(AddressFamily.InterNetworkV6);
        SocketHookFixture.Put(policy, "denied_ports", (uint)denied, 1);
        using var session = SocketHookFixture.StartPython(policy, BindEach, $"::1:{allowed}", $"::1:{denied}");
        var (exitCode, output, _) = SocketHookFixture.Finish(session);

        Assert.Equal(1, exitCode);
        Assert.Equal($"bound {allowed}\nerrno 1\n", output);
    }

    [SocketHookFact(RunsAsNobody = true)]
    public void A_server_redirected_from_port_80_serves_on_the_new_port_without_root()
    {
        using var policy = SocketHookFixture.LoadPolicy();
        var port = SocketHookFixture.FreePort();
        SocketHookFixture.Put(policy, "bind_redirect", 80, (uint)port);
        using var session = SocketHookFixture.Start(policy,
            ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", SocketHookFixture.Python!, "-m", "http.server", "80", "--bind", "127.0.0.1", "--directory", "/"]);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var body = Poll(() => client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")).GetAwaiter().GetResult());

        Assert.Contains("Directory listing", body, StringComparison.Ordinal);
        Assert.Equal(1, session.Counters.Redirected);
        Assert.Equal(1UL, SocketHookFixture.BindCount(policy, 80));
    }

    [SocketHookFact(RunsAsNobody = true)]
    public void A_user_without_the_capability_still_gets_EACCES_for_port_80_when_nothing_redirects_it()
    {
        using var policy = SocketHookFixture.LoadPolicy();
        using var session = SocketHookFixture.Start(policy,
            ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", SocketHookFixture.Python!, "-c", BindEach, "127.0.0.1:80"]);
        var (exitCode, output, _) = SocketHookFixture.Finish(session);

        Assert.Equal("errno 13\n", output);
        Assert.Equal(13, exitCode);
        Assert.Equal(1, session.Counters.Allowed);
    }

    [SocketHookFact]
    public void The_counting_program_counts_binds_per_port_in_a_map_read_while_the_command_runs()
    {
        using var policy = SocketHookFixture.LoadPolicy();
        int first = SocketHookFixture.FreePort(), second = SocketHookFixture.FreePort();
        // Three binds to the first port (TCP and UDP, IPv4 and IPv6), two to the second, one Unix socket; then it waits.
        var script = """
            import socket, sys, time
            a, b = int(sys.argv[1]), int(sys.argv[2])
            keep = []
            for family, kind, host, port in [(socket.AF_INET, socket.SOCK_STREAM, '127.0.0.1', a), (socket.AF_INET, socket.SOCK_DGRAM, '127.0.0.1', a),
                                             (socket.AF_INET6, socket.SOCK_DGRAM, '::1', a), (socket.AF_INET, socket.SOCK_DGRAM, '127.0.0.1', b),
                                             (socket.AF_INET6, socket.SOCK_STREAM, '::1', b)]:
                s = socket.socket(family, kind); s.bind((host, port)); keep.append(s)
            u = socket.socket(socket.AF_UNIX); u.bind('\0ebpf-count-%d' % a)
            time.sleep(60)
            """;
        using var session = SocketHookFixture.StartPython(policy, script, first.ToString(System.Globalization.CultureInfo.InvariantCulture), second.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Poll(() => SocketHookFixture.BindCount(policy, second) == 2 && session.Counters.PassedThrough == 1 ? true : throw new TimeoutException());

        Assert.False(session.Process.HasExited);
        Assert.Equal(3UL, SocketHookFixture.BindCount(policy, first));
        Assert.Equal(2UL, SocketHookFixture.BindCount(policy, second));
        Assert.Equal(5, session.Counters.Allowed);
    }

    /// <summary>Retries <paramref name="attempt"/> for up to 30 seconds (the supervised process starts a runtime of its own).</summary>
    internal static T Poll<T>(Func<T> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return attempt();
            }
            catch (Exception ex) when ((ex is HttpRequestException or TimeoutException or SocketException or TaskCanceledException) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }
}
