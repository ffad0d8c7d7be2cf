using System.Diagnostics;
using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Native;

namespace Ebpf.Hooks.Xdp.Capture;

/// <summary>
/// Runs an XDP program over every packet of a capture and writes each verdict's packets, as the program left
/// them (head and tail adjustments included), to that verdict's capture. Packets stream from libpcap's buffer
/// through one reused frame to libpcap's writer: memory does not grow with the capture.
/// </summary>
public static class XdpCaptureRun
{
    /// <summary>Runs <paramref name="runner"/>'s program over <paramref name="options"/>' input.</summary>
    /// <param name="runner">The program, ready to run.</param>
    /// <param name="options">Input and outputs.</param>
    /// <param name="progress">Told the fraction of the input read, now and then (every few thousand packets).</param>
    /// <param name="cancellation">Stops between packets.</param>
    /// <exception cref="DiagnosticException">The input cannot be read, is not Ethernet, or an output cannot be created.</exception>
    public static XdpCaptureSummary Run(XdpRunner runner, XdpCaptureOptions options, Action<double>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        using var reader = CaptureReader.Open(options.Input);
        if (reader.LinkType != PcapNative.LinkTypeEthernet)
        {
            throw Pcap.Refuse(DiagnosticCode.UnsupportedLinkType, options.Input,
                $"the capture's link type is {reader.LinkType}, not Ethernet (1): XDP programs see Ethernet frames");
        }

        var writers = new CaptureWriter?[(int)XdpAction.Redirect + 1];
        try
        {
            foreach (var action in Enum.GetValues<XdpAction>())
            {
                writers[(int)action] = options.OutputFor(action) is { } path ? CaptureWriter.Create(path) : null;
            }

            return Loop(runner, reader, writers, options.IngressIfindex, progress, cancellation);
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer?.Dispose();
            }
        }
    }

    private static XdpCaptureSummary Loop(XdpRunner runner, CaptureReader reader, CaptureWriter?[] writers, uint ingress, Action<double>? progress, CancellationToken cancellation)
    {
        var counters = new XdpCounters();
        var start = Stopwatch.GetTimestamp();
        var (fault, faultPacket, number) = (default(Runtime.Execution.ExecutionFault), 0L, 0L);
        while (reader.Next(out var packet, out var length, out var timestamp))
        {
            number++;
            if ((number & 4095) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
                progress?.Invoke(reader.FileLength > 0 ? Math.Min(1.0, (double)reader.BytesRead / reader.FileLength) : 0);
            }

            if (!XdpRunner.Fits(packet.Length))
            {
                counters.AddSkipped();
                continue;
            }

            var action = runner.Run(packet, ingress);
            if (runner.LastFault is { } first && fault is null)
            {
                (fault, faultPacket) = (first, number);
            }

            var output = runner.Packet;
            counters.Add(action, output.Length);
            // Bytes the capture truncated stay missing: the length on the wire changes by what the program changed.
            writers[(int)action]?.Write(output, length - packet.Length + output.Length, timestamp);
        }

        progress?.Invoke(1.0);
        return new XdpCaptureSummary(counters, Stopwatch.GetElapsedTime(start), fault, faultPacket);
    }
}
