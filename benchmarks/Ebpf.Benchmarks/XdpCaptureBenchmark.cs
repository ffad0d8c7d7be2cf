using System.Diagnostics;
using System.Globalization;
using Ebpf.Elf;
using Ebpf.Hooks.Xdp;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;

namespace Ebpf.Benchmarks;

/// <summary>
/// The capture mode's hot path: packets per second on one core through <see cref="XdpRunner"/> for
/// packets held in memory (one contiguous buffer of 64-byte frames), as the capture loop runs them:
/// fits check, run, verdict counters. <c>xdp_pass</c> shows what the loop itself costs.
/// </summary>
internal static class XdpCaptureBenchmark
{
    private const int PacketSize = 64;
    private const int PacketCount = 1 << 16;

    public static void Run(string bench, bool dryRun, double seconds)
    {
        Console.WriteLine();
        Console.WriteLine($"Capture mode, {PacketCount} packets of {PacketSize} bytes held in memory, one thread, unchecked:");
        Console.WriteLine();
        Console.WriteLine("| program | engine | packets | seconds | million packets/s | ns/packet |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        var packets = Packets(File.ReadAllBytes(Path.Combine(bench, "pkt_tcp_64.bin")), File.ReadAllBytes(Path.Combine(bench, "pkt_udp_512.bin")));
        foreach (var name in new[] { "xdp_count_drop", "xdp_pass" })
        {
            foreach (var engine in Engines.Available)
            {
                var spec = ObjectReader.ReadFile(Path.Combine(bench, name + ".o"));
                using var loaded = LoadedObject.Load(spec, new LoadOptions(engine, new ExecutionOptions(Checked: false)));
                using var runner = new XdpRunner(loaded.Programs[0]);
                Loop(runner, packets, new XdpCounters());
                var (count, elapsed) = Measure(runner, packets, dryRun ? 0 : seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {engine.ToString().ToLowerInvariant()} | {count} | {elapsed:F2} | {count / elapsed / 1e6:F2} | {elapsed * 1e9 / count:F1} |"));
            }
        }
    }

    /// <summary>Alternating TCP and UDP frames (the UDP frame cut to 64 bytes), so the program takes both branches.</summary>
    private static byte[] Packets(byte[] tcp, byte[] udp)
    {
        var buffer = new byte[PacketCount * PacketSize];
        for (var i = 0; i < PacketCount; i++)
        {
            (i % 2 == 0 ? tcp : udp).AsSpan(0, PacketSize).CopyTo(buffer.AsSpan(i * PacketSize));
        }

        return buffer;
    }

    private static (long Packets, double Seconds) Measure(XdpRunner runner, byte[] packets, double seconds)
    {
        var counters = new XdpCounters();
        var start = Stopwatch.GetTimestamp();
        do
        {
            Loop(runner, packets, counters);
        }
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds);
        return (counters.Packets, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>The capture loop's body without libpcap: what <c>XdpCaptureRun</c> does per packet.</summary>
    private static void Loop(XdpRunner runner, byte[] packets, XdpCounters counters)
    {
        for (var offset = 0; offset < packets.Length; offset += PacketSize)
        {
            var packet = packets.AsSpan(offset, PacketSize);
            if (XdpRunner.Fits(packet.Length))
            {
                counters.Add(runner.Run(packet), runner.Packet.Length);
            }
        }
    }
}
