using Ebpf.Core.Abi;

namespace Ebpf.Runtime.Maps;

/// <summary>A map's entries as user space reads them: every key in the map's own order, with its value.</summary>
public static class MapEntries
{
    /// <summary>
    /// The entries, as <c>bpftool map dump</c> walks them with get-next-key and lookup; null for maps
    /// that hold no key-value pairs to walk (queues, stacks, ring buffers) or hold references (program
    /// arrays, maps of maps).
    /// </summary>
    public static IReadOnlyList<(byte[] Key, byte[] Value)>? Read(BpfMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Type is MapType.Queue or MapType.Stack or MapType.Ringbuf or MapType.ProgArray or MapType.ArrayOfMaps or MapType.HashOfMaps)
        {
            return null;
        }

        var entries = new List<(byte[], byte[])>();
        var key = Array.Empty<byte>();
        var next = new byte[map.KeySize];
        while (map.TryGetNextKey(key, next))
        {
            var value = new byte[map.UserValueSize];
            if (map.TryLookup(next, value))
            {
                entries.Add((next.ToArray(), value));
            }

            key = next.ToArray();
        }

        return entries;
    }
}
