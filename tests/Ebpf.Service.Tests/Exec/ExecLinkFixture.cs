using System.Diagnostics;
using System.Text;
using Ebpf.Hooks.Sockets;
using Ebpf.Service.Tests.Processes;
using Ebpf.Testing;

namespace Ebpf.Service.Tests.Exec;

/// <summary>What the exec link tests share: the socket policy object, python, and a command whose output lines arrive as they are written.</summary>
internal static class ExecLinkFixture
{
    public static string Policy => Path.Combine(RepositoryPaths.TestData, "sockets", "sock_policy.o");

    /// <summary>The system's python, which other users can run too.</summary>
    public static string? Python { get; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : ExternalTool.Find("python3");

    /// <summary>Why the tests cannot run here, or null.</summary>
    public static string? Unavailable { get; } = FindReason();

    /// <summary>The <c>ebpf</c> tool as its own launcher, as <c>ebpf exec</c> starts it.</summary>
    public static IReadOnlyList<string> Launcher => ["dotnet", Binaries.Ebpf, SeccompLauncher.Verb];

    /// <summary>
    /// A python script that binds the ports of its arguments one step at a time and prints each result ("port N" or
    /// "errno N"): step 0 right away, each later step once the file <c>stepN</c> exists in FOLDER; it exits when <c>end</c> does.
    /// Arguments: FOLDER PORT... (one per step).
    /// </summary>
    public const string Binder = """
        import os, socket, sys, time
        folder, ports = sys.argv[1], [int(p) for p in sys.argv[2:]]
        def bind(port):
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(('127.0.0.1', port))
                return 'port %d' % s.getsockname()[1]
            except OSError as e:
                return 'errno %d' % e.errno
            finally:
                s.close()
        def wait(name):
            while not os.path.exists(os.path.join(folder, name)):
                time.sleep(0.02)
        print('pid', os.getpid(), flush=True)
        for step, port in enumerate(ports):
            if step:
                wait('step%d' % step)
            print('step', step, bind(port), flush=True)
        wait('end')
        """;

    /// <summary>Starts a process whose standard output lines are collected as they come.</summary>
    public static (Process Process, Lines Output, Lines Error) Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        var output = new Lines();
        var error = new Lines();
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => error.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output, error);
    }

    /// <summary>A TCP port free on the loopback now (the kernel's choice, so parallel tests do not collide).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static void WaitFor(Func<bool> condition, string what, int seconds = 30)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"timed out waiting for {what}");
            Thread.Sleep(50);
        }
    }

    private static string? FindReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "exec links use Linux's seccomp user notification";
        }

        var actions = "/proc/sys/kernel/seccomp/actions_avail";
        if (!File.Exists(actions) || !File.ReadAllText(actions).Contains("user_notif", StringComparison.Ordinal))
        {
            return "the kernel has no seccomp user notification (Linux 5.0 with CONFIG_SECCOMP_FILTER)";
        }

        if (Environment.UserName != "root")
        {
            return "the service takes the command's listener with pidfd_getfd, which needs root here (the tests run the service in-process or as the same user)";
        }

        return Python is null ? "needs python3, whose binds are the supervised calls" : null;
    }

    /// <summary>Output lines, safe to read while they arrive.</summary>
    internal sealed class Lines
    {
        private readonly StringBuilder _text = new();

        public void Add(string? line)
        {
            if (line is not null)
            {
                lock (_text)
                {
                    _text.AppendLine(line);
                }
            }
        }

        /// <summary>The line starting with <paramref name="prefix"/>, without it, or null.</summary>
        public string? After(string prefix) => All.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].TrimEnd('\r');

        public string All
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }
    }
}

/// <summary>A fact skipped, with the reason, where exec links cannot run.</summary>
internal sealed class ExecLinkFactAttribute : FactAttribute
{
    public ExecLinkFactAttribute() => Skip = ExecLinkFixture.Unavailable;
}

/// <summary>A theory skipped, with the reason, where exec links cannot run.</summary>
internal sealed class ExecLinkTheoryAttribute : TheoryAttribute
{
    public ExecLinkTheoryAttribute() => Skip = ExecLinkFixture.Unavailable;
}
