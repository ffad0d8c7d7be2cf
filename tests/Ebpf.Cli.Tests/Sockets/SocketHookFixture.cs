using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Ebpf.Cli.Commands;
using Ebpf.Elf;
using Ebpf.Hooks.Sockets;
using Ebpf.Runtime.Loading;
using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Sockets;

/// <summary>Runs real processes under the socket hooks with testdata/sockets/sock_policy.o, whose maps the tests fill.</summary>
internal static class SocketHookFixture
{
    /// <summary>The system's python (not a per-user shim), so that processes run as another user can execute it.</summary>
    public static string? Python { get; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : ExternalTool.Find("python3");

    /// <summary>Why the tests cannot run here, or null.</summary>
    public static string? Unavailable { get; } = FindReason();

    /// <summary>Why commands cannot be run as <c>nobody</c> against port 80 here, or null.</summary>
    public static string? NobodyUnavailable =>
        Environment.UserName != "root" || !File.Exists("/usr/bin/setpriv") ? "needs root and setpriv, to run the command as nobody"
        : File.ReadAllText("/proc/sys/net/ipv4/ip_unprivileged_port_start").Trim() != "1024" ? "port 80 is not privileged on this machine"
        : null;

    public static LoadedObject LoadPolicy() =>
        LoadedObject.Load(ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "sock_policy.o")));

    /// <summary>Every hook program of the policy object.</summary>
    public static SocketHookPrograms Programs(LoadedObject policy) =>
        policy.Programs.Aggregate(new SocketHookPrograms(), (programs, program) => programs.With(program));

    /// <summary>Starts <c>python3 -c SCRIPT ARGS</c> under the policy, with its output captured.</summary>
    public static SocketHookSession StartPython(LoadedObject policy, string script, params string[] arguments) =>
        Start(policy, [Python!, "-c", script, .. arguments]);

    public static SocketHookSession Start(LoadedObject policy, IReadOnlyList<string> command) =>
        SocketHookSession.Start(new SocketHookOptions(command, Programs(policy), ExecCommand.Launcher()) { Objects = [policy], RedirectOutput = true });

    /// <summary>Waits for the command and returns its exit code and output; fails the test after a minute.</summary>
    public static (int ExitCode, string Output, string Error) Finish(SocketHookSession session)
    {
        var output = session.Process.StandardOutput.ReadToEndAsync();
        var error = session.Process.StandardError.ReadToEndAsync();
        Assert.True(session.WaitForExit(TimeSpan.FromMinutes(1)), "the supervised command did not finish within a minute");
        session.Process.WaitForExit();
        return (session.Process.ExitCode, output.Result, error.Result);
    }

    /// <summary>A TCP port free on the loopback now (the kernel's choice, so parallel tests do not collide).</summary>
    public static int FreePort(AddressFamily family = AddressFamily.InterNetwork)
    {
        using var listener = new TcpListener(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void Put(LoadedObject policy, string map, uint key, uint value) =>
        Assert.Equal(Runtime.Maps.MapError.None, policy.FindMap(map)!.Update(BitConverter.GetBytes(key), BitConverter.GetBytes(value)));

    /// <summary>The <c>bind_count</c> entry of a port (host order), 0 when absent.</summary>
    public static ulong BindCount(LoadedObject policy, int port)
    {
        var value = new byte[8];
        return policy.FindMap("bind_count")!.TryLookup(BitConverter.GetBytes((uint)port), value) ? BinaryPrimitives.ReadUInt64LittleEndian(value) : 0;
    }

    private static string? FindReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "socket hooks for processes use Linux's seccomp user notification";
        }

        var actions = "/proc/sys/kernel/seccomp/actions_avail";
        if (!File.Exists(actions) || !File.ReadAllText(actions).Contains("user_notif", StringComparison.Ordinal))
        {
            return "the kernel has no seccomp user notification (Linux 5.0 with CONFIG_SECCOMP_FILTER)";
        }

        return Python is null ? "needs python3, whose servers and clients are the supervised programs" : null;
    }
}

/// <summary>A fact skipped, with the reason, where seccomp user notification or python3 is missing.</summary>
internal sealed class SocketHookFactAttribute : FactAttribute
{
    private bool _runsAsNobody;

    public SocketHookFactAttribute() => Skip = SocketHookFixture.Unavailable;

    /// <summary>The test runs its command as <c>nobody</c> (setpriv, from root) against privileged port 80.</summary>
    public bool RunsAsNobody
    {
        get => _runsAsNobody;
        set
        {
            _runsAsNobody = value;
            Skip ??= value ? SocketHookFixture.NobodyUnavailable : null;
        }
    }
}
