using System.Globalization;
using System.Text.Json;

namespace Ebpf.Testing;

/// <summary>
/// The Linux kernel as the reference: loads an object with bpftool, test-runs a program and reads its
/// maps back. Needs root, bpftool and a BPF filesystem; <see cref="Unavailable"/> says why not.
/// Shared source (tests/Shared/Kernel) of every test project that compares with the kernel and of the benchmark
/// harness, so it needs no test framework: a failing bpftool throws, which fails the test that called it.
/// </summary>
internal static class KernelOracle
{
    /// <summary>Why the kernel cannot run programs here, or null.</summary>
    public static string? Unavailable => KernelTestRun.Unavailable;

    /// <summary>
    /// Loads every program of <paramref name="objectPath"/>, runs <paramref name="program"/> (the first when
    /// null) once on a packet, and returns r0, the packet out, and every map of that program (key hex to value hex).
    /// </summary>
    public static (ulong Result, byte[] DataOut, Dictionary<string, Dictionary<string, string>> Maps) Run(string objectPath, string packetPath, string? program = null)
    {
        var run = Run(objectPath, program, packetPath, null);
        return (run.Result, run.DataOut, run.Maps);
    }

    /// <summary>
    /// Loads every program of <paramref name="objectPath"/> and runs <paramref name="program"/> (the first when
    /// null) once: on a packet with bpftool, with <paramref name="contextIn"/> as ctx_in (and ctx_out read back) when
    /// given; without a packet through the bpf system call, as bpftool cannot run raw tracepoints (it always passes
    /// repeat, which their test run refuses). Returns r0, the packet and context out, and every map of that program.
    /// </summary>
    /// <remarks>
    /// <paramref name="slots"/> fills program arrays first (map name, key, program name): the map is pinned beside the
    /// programs, since the kernel empties a program array when user space lets go of its last reference.
    /// </remarks>
    public static KernelRun Run(string objectPath, string? program, string? packetPath, byte[]? contextIn, IReadOnlyList<(string Map, uint Key, string Program)>? slots = null)
    {
        var folder = KernelTestRun.LoadAll(objectPath, "oracle");
        var output = Path.GetTempFileName();
        var contextInPath = Path.GetTempFileName();
        var contextOutPath = Path.GetTempFileName();
        try
        {
            var pin = Path.Combine(folder, program ?? Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).First()!);
            foreach (var (map, key, target) in slots ?? [])
            {
                var mapPin = Path.Combine(folder, map);
                if (!File.Exists(mapPin))
                {
                    KernelTestRun.Bpftool("map", "pin", "id", MapId(pin, map), mapPin);
                }

                string[] keyBytes = [.. BitConverter.GetBytes(key).Select(b => b.ToString(CultureInfo.InvariantCulture))];
                KernelTestRun.Bpftool(["map", "update", "pinned", mapPin, "key", .. keyBytes, "value", "pinned", Path.Combine(folder, target)]);
            }

            ulong result;
            byte[] dataOut = [], contextOut = [];
            if (packetPath is null)
            {
                result = BpfSyscall.TestRunPinned(pin, contextIn ?? []);
            }
            else
            {
                if (contextIn is not null)
                {
                    File.WriteAllBytes(contextInPath, contextIn);
                }

                (result, _) = KernelTestRun.Run(pin, packetPath, dataOut: output, contextIn: contextIn is null ? null : (contextInPath, contextOutPath));
                dataOut = File.ReadAllBytes(output);
                contextOut = contextIn is null ? [] : File.ReadAllBytes(contextOutPath);
            }

            return new KernelRun(result, dataOut, contextOut, ReadMaps(pin));
        }
        finally
        {
            KernelTestRun.Unpin(folder);
            File.Delete(output);
            File.Delete(contextInPath);
            File.Delete(contextOutPath);
        }
    }

    /// <summary>The id of the map named <paramref name="name"/> among those the pinned program uses.</summary>
    private static string MapId(string pin, string name)
    {
        using var show = JsonDocument.Parse(KernelTestRun.Bpftool("prog", "show", "pinned", pin, "--json"));
        foreach (var id in show.RootElement.GetProperty("map_ids").EnumerateArray())
        {
            var idText = id.GetInt32().ToString(CultureInfo.InvariantCulture);
            using var info = JsonDocument.Parse(KernelTestRun.Bpftool("map", "show", "id", idText, "--json"));
            if (info.RootElement.GetProperty("name").GetString() == name)
            {
                return idText;
            }
        }

        throw new InvalidOperationException($"{pin} uses no map named {name}");
    }

    private static Dictionary<string, Dictionary<string, string>> ReadMaps(string pin)
    {
        using var show = JsonDocument.Parse(KernelTestRun.Bpftool("prog", "show", "pinned", pin, "--json"));
        var maps = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (show.RootElement.TryGetProperty("map_ids", out var ids))
        {
            foreach (var id in ids.EnumerateArray())
            {
                var idText = id.GetInt32().ToString(CultureInfo.InvariantCulture);
                using var info = JsonDocument.Parse(KernelTestRun.Bpftool("map", "show", "id", idText, "--json"));
                if (!IsDumpable(info.RootElement.GetProperty("type").GetString()))
                {
                    continue;
                }

                using var dump = JsonDocument.Parse(KernelTestRun.Bpftool("map", "dump", "id", idText, "--json"));
                maps[info.RootElement.GetProperty("name").GetString()!] = Entries(dump.RootElement);
            }
        }

        return maps;
    }

    /// <summary>Maps bpftool can walk: not queues, stacks, ring buffers or bloom filters, which are left out of <see cref="Run"/>'s maps.</summary>
    private static bool IsDumpable(string? type) =>
        type is not ("queue" or "stack" or "ringbuf" or "user_ringbuf" or "bloom_filter");

    /// <summary>bpftool's JSON dump: with BTF, "formatted" values; the raw "key"/"value" hex arrays are always there.</summary>
    private static Dictionary<string, string> Entries(JsonElement dump)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in dump.EnumerateArray())
        {
            // Slots a lookup does not find (an empty device map slot) come with an error instead of a value.
            if (entry.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object)
            {
                continue;
            }

            // Per-CPU maps list one value per possible CPU, which user space reads as one buffer in CPU order.
            entries[Hex(entry.GetProperty("key"))] = entry.TryGetProperty("values", out var perCpu)
                ? string.Join(' ', perCpu.EnumerateArray().OrderBy(v => v.GetProperty("cpu").GetInt32()).Select(v => Hex(v.GetProperty("value"))))
                : Hex(entry.GetProperty("value"));
        }

        return entries;
    }

    private static string Hex(JsonElement bytes) =>
        string.Join(' ', bytes.EnumerateArray().Select(b => b.GetString()!.Replace("0x", "", StringComparison.Ordinal)));
}
