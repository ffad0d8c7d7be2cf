using System.Text.Json;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Kernel;

/// <summary>
/// The Linux kernel as the reference: loads an object with bpftool, test-runs a program and reads its
/// maps back. Needs root, bpftool and a BPF filesystem; <see cref="Unavailable"/> says why not.
/// </summary>
internal static class KernelOracle
{
    public static string? Unavailable => KernelTestRun.Unavailable;

    /// <summary>
    /// Loads every program of <paramref name="objectPath"/>, runs <paramref name="program"/> (the first when
    /// null) once on a packet, and returns r0, the packet out, and every map of that program (key hex to value hex).
    /// </summary>
    public static (ulong Result, byte[] DataOut, Dictionary<string, Dictionary<string, string>> Maps) Run(string objectPath, string packetPath, string? program = null)
    {
        var folder = KernelTestRun.LoadAll(objectPath, "oracle");
        var output = Path.GetTempFileName();
        try
        {
            var pin = Path.Combine(folder, program ?? Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).First()!);
            var (result, _) = KernelTestRun.Run(pin, packetPath, dataOut: output);
            using var show = JsonDocument.Parse(ExternalTool.Run("bpftool", "prog", "show", "pinned", pin, "--json"));
            var maps = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            if (show.RootElement.TryGetProperty("map_ids", out var ids))
            {
                foreach (var id in ids.EnumerateArray())
                {
                    var idText = id.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    using var info = JsonDocument.Parse(ExternalTool.Run("bpftool", "map", "show", "id", idText, "--json"));
                    if (!IsDumpable(info.RootElement.GetProperty("type").GetString()))
                    {
                        continue;
                    }

                    using var dump = JsonDocument.Parse(ExternalTool.Run("bpftool", "map", "dump", "id", idText, "--json"));
                    maps[info.RootElement.GetProperty("name").GetString()!] = Entries(dump.RootElement);
                }
            }

            return (result, File.ReadAllBytes(output), maps);
        }
        finally
        {
            KernelTestRun.Unpin(folder);
            File.Delete(output);
        }
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
