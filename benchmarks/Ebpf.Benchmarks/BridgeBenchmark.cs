using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Ebpf.Elf;
using Ebpf.Hooks.Xdp.Live;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;

namespace Ebpf.Benchmarks;

/// <summary>
/// The live bridge between two namespaces (testdata/xdp/netns.sh) next to the kernel's own Linux bridge over the
/// same interfaces: UDP packets per second that arrive (a flood of 60-byte frames from one thread) and ping
/// round trips. Needs root; runs only with <c>--bridge</c>.
/// </summary>
internal static class BridgeBenchmark
{
    private const string Prefix = "xbench";
    private static readonly IPAddress Second = IPAddress.Parse("10.77.0.2");

    public static void Run(double seconds)
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, "testdata", "xdp", "netns.sh");
        var program = Path.Combine(root, "..", "shared", "bench", "xdp_pass.o");
        Console.WriteLine();
        Console.WriteLine($"Bridge between two namespaces (xdp_pass, interpreter, unchecked), {seconds:F1} s of UDP flood per row, 200 pings:");
        Console.WriteLine();
        Console.WriteLine("| forwarding | sent packets/s | arrived packets/s | ping avg µs | ping p99 µs |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Script(script, "down");
        Script(script, "up");
        try
        {
            Script(script, "kernel");
            Row("Linux bridge (kernel)", seconds);
            Process.Start("ip", ["link", "del", Prefix + "br"]).WaitForExit();
            foreach (var workers in new[] { 1, 2 })
            {
                using var loaded = LoadedObject.Load(ObjectReader.ReadFile(program), new LoadOptions(EngineKind.Interpreter, new ExecutionOptions(Checked: false), workers));
                using var link = XdpLink.Attach(loaded.Programs[0], new XdpAttachOptions(Prefix + "b1") { Peer = Prefix + "b2", Workers = workers });
                Row($"XdpLink, {workers} worker(s)", seconds);
            }
        }
        finally
        {
            Script(script, "down");
        }
    }

    private static void Row(string name, double seconds)
    {
        Ping(20); // ARP and warm-up
        var (sent, arrived) = Flood(seconds);
        var rtts = Ping(200);
        rtts.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sent / seconds:N0} | {arrived / seconds:N0} | {(rtts.Count > 0 ? rtts.Average() : double.NaN):F0} | {(rtts.Count > 0 ? rtts[(int)(rtts.Count * 0.99)] : double.NaN):F0} |"));
    }

    /// <summary>One thread floods UDP from namespace 1 for <paramref name="seconds"/>; another counts what arrives in namespace 2.</summary>
    private static (long Sent, long Arrived) Flood(double seconds)
    {
        using var receiver = SocketIn(2, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(Second, 0));
        receiver.ReceiveTimeout = 300;
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        using var sender = SocketIn(1, SocketType.Dgram, ProtocolType.Udp);
        sender.SetRawSocketOption(1, 11, BitConverter.GetBytes(1)); // SO_NO_CHECK: no checksum left to a veth offload
        long arrived = 0;
        var counting = new Thread(() =>
        {
            var buffer = new byte[64];
            try
            {
                while (true)
                {
                    receiver.Receive(buffer);
                    arrived++;
                }
            }
            catch (SocketException)
            {
                // The timeout after the flood ends.
            }
        });
        counting.Start();
        var payload = new byte[18];
        long sent = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 64; i++)
            {
                try
                {
                    sender.SendTo(payload, target);
                    sent++;
                }
                catch (SocketException)
                {
                    // A full queue (ENOBUFS): count only what left.
                }
            }
        }

        counting.Join();
        return (sent, arrived);
    }

    /// <summary>Round trips in microseconds of <paramref name="count"/> echo requests, 5 ms apart; lost ones are left out.</summary>
    private static List<double> Ping(int count)
    {
        using var socket = SocketIn(1, SocketType.Raw, ProtocolType.Icmp);
        socket.ReceiveTimeout = 1000;
        var rtts = new List<double>();
        var buffer = new byte[1500];
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var request = new byte[16];
            request[0] = 8;
            BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(4), 0xeb);
            BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(6), (ushort)sequence);
            uint sum = 0;
            for (var i = 0; i < request.Length; i += 2)
            {
                sum += BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(i));
            }

            sum = (sum >> 16) + (sum & 0xffff);
            BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(2), (ushort)~(sum + (sum >> 16)));
            var start = Stopwatch.GetTimestamp();
            socket.SendTo(request, new IPEndPoint(Second, 0));
            try
            {
                while (true)
                {
                    var length = socket.Receive(buffer);
                    var ip = (buffer[0] & 0xf) * 4;
                    if (length >= ip + 8 && buffer[ip] == 0 && BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(ip + 6)) == sequence)
                    {
                        rtts.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                        break;
                    }
                }
            }
            catch (SocketException)
            {
                // Lost.
            }

            Thread.Sleep(5);
        }

        return rtts;
    }

    /// <summary>A socket made on a thread that entered namespace <paramref name="i"/>: it stays there.</summary>
    private static Socket SocketIn(int i, SocketType type, ProtocolType protocol)
    {
        Socket? socket = null;
        var thread = new Thread(() =>
        {
            using var handle = File.OpenHandle($"/var/run/netns/{Prefix}ns{i}");
            if (SetNamespace((int)handle.DangerousGetHandle(), 0x40000000) == 0)
            {
                socket = new Socket(AddressFamily.InterNetwork, type, protocol);
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException($"cannot enter {Prefix}ns{i}");
    }

    private static void Script(string script, string verb)
    {
        var start = new ProcessStartInfo("bash", [script, verb]) { Environment = { ["XDP_NETNS_PREFIX"] = Prefix } };
        using var process = Process.Start(start)!;
        process.WaitForExit();
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

    // DllImport rather than LibraryImport: no marshalling to generate, and the harness stays free of unsafe code.
    [DllImport("libc", EntryPoint = "setns")]
    private static extern int SetNamespace(int fd, int type);
}
