using Ebpf.Runtime.Maps;

namespace Ebpf.Cli.Commands;

/// <summary>Prints map contents as <c>bpftool map dump</c> does without BTF: hex keys and values, then <c>Found N elements</c>.</summary>
internal static class MapDump
{
    /// <summary>The maps as <c>--json</c> prints them, for commands that embed them in a larger document.</summary>
    public static IEnumerable<object> Json(IEnumerable<BpfMap> maps) =>
        [.. maps.Select(m => (Map: m, Entries: MapEntries.Read(m))).Select(d => new
        {
            d.Map.Name,
            Type = Names.Of(d.Map.Type),
            Entries = d.Entries?.Select(e => new { Key = Hex(e.Key), Value = Hex(e.Value) }),
        })];

    public static void Print(TextWriter output, IEnumerable<BpfMap> maps, bool json)
    {
        if (json)
        {
            Output.WriteJson(output, Json(maps));
            return;
        }

        var dumps = maps.Select(m => (Map: m, Entries: MapEntries.Read(m))).ToList();

        foreach (var (map, entries) in dumps)
        {
            output.WriteLine($"map {map.Name} ({Names.Of(map.Type)}):");
            if (entries is null)
            {
                output.WriteLine("  (not iterable: queues, stacks and ring buffers are read by popping or polling)");
                continue;
            }

            foreach (var (key, value) in entries)
            {
                output.WriteLine($"key: {string.Join(' ', Hex(key))}  value: {string.Join(' ', Hex(value))}");
            }

            output.WriteLine($"Found {entries.Count} element{(entries.Count == 1 ? "" : "s")}");
        }
    }

    private static string[] Hex(byte[] bytes) => [.. bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))];
}
