using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ebpf.Hooks.Tests.Xdp.Live;

/// <summary>
/// Two network namespaces, each with a veth pair whose other end stays in the root namespace without an
/// address: <c>{p}ns1 (10.78.0.1, {p}a1) -- {p}b1 | {p}b2 -- ({p}a2, 10.78.0.2) {p}ns2</c>. Nothing joins b1 and
/// b2 but what the test attaches. Disposing deletes everything, whatever happened in between.
/// </summary>
internal sealed partial class NamespacePair : IDisposable
{
    public static readonly IPAddress First = IPAddress.Parse("10.78.0.1");
    public static readonly IPAddress Second = IPAddress.Parse("10.78.0.2");

    private const int CloneNewNet = 0x40000000;
    private static readonly Lazy<string?> Probe = new(ProbeUnavailable);

    public NamespacePair()
    {
        Prefix = $"xh{Environment.ProcessId % 10000}{Random.Shared.Next(100)}";
        try
        {
            for (var i = 1; i <= 2; i++)
            {
                Ip($"netns add {Prefix}ns{i}");
                Ip($"link add {Prefix}a{i} type veth peer name {Prefix}b{i}");
                Ip($"link set {Prefix}a{i} netns {Prefix}ns{i}");
                Ip($"netns exec {Prefix}ns{i} ip addr add 10.78.0.{i}/24 dev {Prefix}a{i}");
                Ip($"netns exec {Prefix}ns{i} ip link set {Prefix}a{i} up");
                Ip($"netns exec {Prefix}ns{i} ip link set lo up");
                Ip($"link set {Prefix}b{i} up");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Why namespaces cannot be made here, or null when they can.</summary>
    public static string? Unavailable => Probe.Value;

    public string Prefix { get; }

    /// <summary>The root-namespace end of namespace <paramref name="i"/>'s pair.</summary>
    public string Outside(int i) => $"{Prefix}b{i}";

    /// <summary>Makes a socket inside namespace <paramref name="i"/>: created on a thread that entered it, a socket stays there.</summary>
    public Socket SocketIn(int i, AddressFamily family, SocketType type, ProtocolType protocol)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{Prefix}ns{i}");
                if (SetNamespace((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns failed: errno {Marshal.GetLastPInvokeError()}");
                }

                socket = new Socket(family, type, protocol);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException($"no socket in {Prefix}ns{i}", failure);
    }

    /// <summary>Forgets the neighbours namespace 1 tried to resolve, so that a ping after a failed one starts a fresh ARP exchange instead of waiting for the next retry.</summary>
    public void ForgetNeighbours() => Ip($"netns exec {Prefix}ns1 ip neigh flush all");

    public void Dispose()
    {
        for (var i = 1; i <= 2; i++)
        {
            TryIp($"link del {Prefix}b{i}");
            TryIp($"netns del {Prefix}ns{i}");
        }
    }

    private static string? ProbeUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are Linux's";
        }

        if (Environment.UserName != "root")
        {
            return "making network namespaces and packet sockets needs root";
        }

        if (Testing.ExternalTool.Find("ip") is null)
        {
            return "iproute2's ip is missing (apt-get install iproute2)";
        }

        var name = $"xhprobe{Environment.ProcessId}";
        if (!TryIp($"netns add {name}"))
        {
            return "ip netns add failed: this environment cannot make network namespaces";
        }

        TryIp($"netns del {name}");
        return null;
    }

    private static void Ip(string arguments)
    {
        if (!TryIp(arguments, out var error))
        {
            throw new InvalidOperationException($"ip {arguments}: {error}");
        }
    }

    private static bool TryIp(string arguments) => TryIp(arguments, out _);

    private static bool TryIp(string arguments, out string error)
    {
        var start = new ProcessStartInfo(Testing.ExternalTool.Find("ip") ?? "ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments.Split(' '))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNamespace(int fd, int type);
}

/// <summary>A fact skipped, with the reason, where network namespaces cannot be made.</summary>
internal sealed class NamespaceFactAttribute : FactAttribute
{
    public NamespaceFactAttribute() => Skip = NamespacePair.Unavailable;
}
