using System.Globalization;
using Ebpf.Hooks.Xdp;
using Ebpf.Hooks.Xdp.Capture;

namespace Ebpf.Cli.Commands;

/// <summary>The summary of <c>ebpf xdp run</c> and <c>ebpf xdp attach</c>: packets and bytes per verdict, time and rate.</summary>
internal static class XdpSummaryOutput
{
    /// <summary>The summary; in JSON with the <paramref name="maps"/> when given (in text the caller prints them after it).</summary>
    public static void Print(TextWriter output, string program, XdpCaptureOptions options, XdpCaptureSummary summary, bool json, IEnumerable<Runtime.Maps.BpfMap>? maps = null)
    {
        var counters = summary.Counters;
        if (json)
        {
            Output.WriteJson(output, new
            {
                Program = program,
                Input = options.Input,
                Packets = counters.Packets,
                Bytes = counters.Bytes,
                Skipped = counters.Skipped,
                Seconds = Math.Round(summary.Elapsed.TotalSeconds, 6),
                PacketsPerSecond = Math.Round(summary.PacketsPerSecond),
                Verdicts = Enum.GetValues<XdpAction>().ToDictionary(
                    a => a.ToString().ToLowerInvariant(),
                    a => new { Packets = counters.PacketsOf(a), Bytes = counters.BytesOf(a), File = options.OutputFor(a) }),
                Maps = maps is null ? null : MapDump.Json(maps),
            });
            return;
        }

        PrintTable(output, $"{program} over {Path.GetFileName(options.Input)}", counters, options.OutputFor);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{counters.Packets} packets{(counters.Skipped > 0 ? $" ({counters.Skipped} skipped: shorter than 14 or longer than 3520 bytes)" : "")} in {summary.Elapsed.TotalSeconds:F3} s: {summary.PacketsPerSecond:N0} packets/s"));
    }

    /// <summary>The verdict table; <paramref name="destination"/> says where each verdict's packets went.</summary>
    public static void PrintTable(TextWriter output, string title, XdpCounters counters, Func<XdpAction, string?> destination)
    {
        var table = Output.Table(title, "verdict", "packets", "bytes", "to");
        foreach (var action in Enum.GetValues<XdpAction>())
        {
            table.AddCells("XDP_" + action.ToString().ToUpperInvariant(), counters.PacketsOf(action), counters.BytesOf(action), destination(action) ?? "-");
        }

        Output.Console(output).Write(table);
    }
}
