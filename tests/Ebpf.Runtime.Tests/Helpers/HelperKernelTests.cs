using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Maps;
using Ebpf.Testing;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary>The helper test programs run in the Linux kernel (bpftool prog run) and here: the same results.</summary>
[Collection(TracePipeCollection.Name)]
public sealed class HelperKernelTests
{
    private const string TraceFile = "/sys/kernel/tracing/trace";

    [KernelFact]
    public void Map_ring_buffer_string_and_clock_cases_equal_the_kernels() => AssertSameMaps("helpers_maps", "results");

    [KernelFact]
    public void Snprintf_and_trace_printk_results_equal_the_kernels() => AssertSameMaps("helpers_printf", "printf_out", "long_text");

    [KernelFact]
    public void Redirect_cases_equal_the_kernels() => AssertSameMaps("helpers_redirect", "results", "tx_ports");

    [KernelTraceFact]
    public void Trace_printk_messages_equal_the_kernels()
    {
        var packet = Path.GetTempFileName();
        File.WriteAllBytes(packet, Packet);
        KernelOracle.Run(ObjectPath("helpers_printf"), packet);
        File.Delete(packet);
        var kernel = LastKernelRun();

        TracePipe.Clear();
        using var loaded = Load("helpers_printf");
        RunOnce(loaded);
        var ours = TracePrintkHelperTests.Mine(TracePipe.ReadAll());
        Assert.Equal(kernel, ours.Select(e => e.Message.TrimEnd('\n')));
        Assert.Equal(TracePrintkHelperTests.Messages.Select(m => m.TrimEnd('\n')), kernel);
    }

    /// <summary>
    /// The messages of the last run of helpers_printf.c in the kernel's trace buffer, which other processes share
    /// (and may clear): the lines from the last one with its first message on, as long as the task and pid stay
    /// the same (one run is one bpftool process). A message's own newline ends its line there.
    /// </summary>
    private static List<string> LastKernelRun()
    {
        const string Event = ": bpf_trace_printk: ";
        const string Marker = Event + "helpers_printf:";
        var lines = File.ReadAllLines(TraceFile)
            .Select(l => (Line: l, At: l.IndexOf(Marker, StringComparison.Ordinal)))
            .Where(l => l.At > 0 && l.Line.Contains(" [", StringComparison.Ordinal))
            .Select(l => (Task: l.Line[..l.Line.IndexOf(" [", StringComparison.Ordinal)].Trim(), Message: l.Line[(l.At + Event.Length)..]))
            .ToList();
        var first = TracePrintkHelperTests.Messages[0].TrimEnd('\n');
        var start = lines.FindLastIndex(l => l.Message == first);
        return start < 0 ? [] : [.. lines.Skip(start).TakeWhile(l => l.Task == lines[start].Task).Select(l => l.Message)];
    }

    /// <summary>Runs the object's program once here and in the kernel and compares r0 and the named array maps.</summary>
    internal static void AssertSameMaps(string name, params string[] maps)
    {
        var packet = Path.GetTempFileName();
        File.WriteAllBytes(packet, Packet);
        var kernel = KernelOracle.Run(ObjectPath(name), packet);
        File.Delete(packet);
        using var loaded = Load(name);
        var ours = RunOnce(loaded);
        Assert.Equal(kernel.Result, ours.ReturnValue);
        foreach (var map in maps)
        {
            var entries = MapEntries.Read(loaded.FindMap(map)!)!.ToDictionary(e => Hex(e.Key), e => Hex(e.Value), StringComparer.Ordinal);
            foreach (var (key, value) in kernel.Maps[map])
            {
                Assert.True(value == entries[key], $"{map}[{key}]: the kernel has {value}, we have {entries[key]}");
            }

            Assert.Equal(kernel.Maps[map].Count, entries.Count);
        }
    }

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A fact skipped, with the reason, where the kernel cannot be the oracle.</summary>
internal sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute() => Skip = KernelOracle.Unavailable;
}

/// <summary>A fact skipped, with the reason, where the kernel's trace buffer cannot be read.</summary>
internal sealed class KernelTraceFactAttribute : FactAttribute
{
    public KernelTraceFactAttribute() => Skip = KernelOracle.Unavailable
        ?? (!File.Exists("/sys/kernel/tracing/trace") ? "tracefs is not mounted at /sys/kernel/tracing (mount -t tracefs nodev /sys/kernel/tracing)"
        : File.ReadAllText("/sys/kernel/tracing/tracing_on").Trim() != "1" ? "tracing is off (/sys/kernel/tracing/tracing_on is 0)"
        : null);
}
