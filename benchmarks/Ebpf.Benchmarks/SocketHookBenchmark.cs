using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ebpf.Elf;
using Ebpf.Hooks.Sockets;
using Ebpf.Runtime.Loading;

namespace Ebpf.Benchmarks;

/// <summary>
/// What the socket hooks cost a real process (python3): the mean time of a <c>bind</c> and of a UDP <c>connect</c>
/// (no handshake, so the call itself) unsupervised and under <c>ebpf exec</c>'s supervisor with
/// testdata/sockets/sock_policy.o, and TCP connections per second to a local server, directly and through a connect
/// program's redirect. This harness is its own launcher (<see cref="SeccompLauncher.Verb"/> in Program.cs).
/// </summary>
internal static class SocketHookBenchmark
{
    /// <summary>Times binds and connects of N fresh UDP sockets, in 4 batches; prints the best batch's mean ns of each.</summary>
    private const string Latency = """
        import socket, sys, time
        n = int(sys.argv[1])
        def best(call):
            means = []
            for _ in range(4):
                socks = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(n)]
                start = time.perf_counter_ns()
                for s in socks:
                    call(s)
                means.append((time.perf_counter_ns() - start) / n)
                for s in socks:
                    s.close()
            return min(means)
        print(best(lambda s: s.bind(('127.0.0.1', 0))), best(lambda s: s.connect(('127.0.0.1', 9))))
        """;

    /// <summary>Opens and closes TCP connections to argv[1]:argv[2] for argv[3] seconds; prints how many per second.</summary>
    private const string Connections = """
        import socket, sys, time
        host, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
        count, end = 0, time.monotonic() + seconds
        while time.monotonic() < end:
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')
            s.connect((host, port))
            s.close()
            count += 1
        print(count / seconds)
        """;

    public static void Run(bool dryRun, double seconds)
    {
        Console.WriteLine();
        var python = new[] { "/usr/bin/python3", "/usr/local/bin/python3" }.FirstOrDefault(File.Exists);
        const string actions = "/proc/sys/kernel/seccomp/actions_avail";
        if (!OperatingSystem.IsLinux() || !File.Exists(actions) || !File.ReadAllText(actions).Contains("user_notif", StringComparison.Ordinal) || python is null)
        {
            Console.WriteLine("Socket hooks: skipped (needs Linux with seccomp user notification, and python3 for the client).");
            return;
        }

        var policyPath = Path.Combine(RepositoryRoot(), "testdata", "sockets", "sock_policy.o");
        using var policy = LoadedObject.Load(ObjectReader.ReadFile(policyPath));
        var programs = policy.Programs.Aggregate(new SocketHookPrograms(), (all, program) => all.With(program));
        var calls = dryRun ? 5 : 500;
        Console.WriteLine($"Socket hooks (python3 client, sock_policy.o on the JIT), best of 4 batches of {calls} calls; connections for {Math.Max(seconds, 1):F1} s:");
        Console.WriteLine();
        Console.WriteLine("| case | bind µs | connect (UDP) µs | TCP connections/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");

        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start(1024);
        var accepting = Task.Run(() => Accept(server));
        var port = ((IPEndPoint)server.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var duration = (dryRun ? 0.1 : Math.Max(seconds, 1)).ToString(CultureInfo.InvariantCulture);

        var plain = Unsupervised(python, Latency, calls.ToString(CultureInfo.InvariantCulture));
        var direct = Unsupervised(python, Connections, "127.0.0.1", port, duration);
        Row("unsupervised", plain, direct);

        // 127.0.0.2:1 has no listener; the connect program sends it to the server.
        byte[] from = [127, 0, 0, 2, .. BitConverter.GetBytes(1u)], to = [127, 0, 0, 1, .. BitConverter.GetBytes(uint.Parse(port, CultureInfo.InvariantCulture))];
        policy.FindMap("connect_redirect")!.Update(from, to);
        var supervised = Supervised(programs, policy, python, Latency, calls.ToString(CultureInfo.InvariantCulture));
        var redirected = Supervised(programs, policy, python, Connections, "127.0.0.2", "1", duration);
        Row("supervised (ebpf exec)", supervised, redirected);

        // eBPF for Windows' bind hook: win_bind.o (a per-process count and two lookups on a bind_md_t); connects have no program.
        using var windows = LoadedObject.Load(ObjectReader.ReadFile(Path.Combine(RepositoryRoot(), "testdata", "sockets", "windows", "win_bind.o")));
        var windowsPrograms = new SocketHookPrograms().With(windows.Programs.Single(), SocketCallKind.Bind);
        Row("supervised, Windows bind program", Supervised(windowsPrograms, windows, python, Latency, calls.ToString(CultureInfo.InvariantCulture)), null);
        server.Stop();
        accepting.Wait();
    }

    private static void Row(string name, string latency, string? connections)
    {
        var parts = latency.Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture) / 1000).ToArray();
        var rate = connections is null ? "-" : double.Parse(connections, CultureInfo.InvariantCulture).ToString("F0", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {parts[0]:F1} | {parts[1]:F1} | {rate} |"));
    }

    private static string Unsupervised(string python, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", script }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    private static string Supervised(SocketHookPrograms programs, LoadedObject policy, string python, string script, params string[] arguments)
    {
        var host = Environment.ProcessPath!;
        IReadOnlyList<string> launcher = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [host, typeof(SocketHookBenchmark).Assembly.Location, SeccompLauncher.Verb]
            : [host, SeccompLauncher.Verb];
        using var session = SocketHookSession.Start(new SocketHookOptions([python, "-c", script, .. arguments], programs, launcher) { Objects = [policy], RedirectOutput = true });
        var output = session.Process.StandardOutput.ReadToEnd().Trim();
        session.WaitForExit();
        return output;
    }

    private static void Accept(TcpListener server)
    {
        try
        {
            while (true)
            {
                server.AcceptSocket().Dispose();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ebpf.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Ebpf.slnx not found");
    }
}
