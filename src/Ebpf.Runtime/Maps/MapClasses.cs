using Ebpf.Core.Abi;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// The sealed class <see cref="BpfMap.Create"/> makes for each map type: code generated before any map exists
/// (<c>ebpf compile</c>) calls a map's operations through it, so that they are direct calls, as the JIT's are on the
/// live map's own class. A test holds it to <see cref="BpfMap.Create"/>.
/// </summary>
internal static class MapClasses
{
    /// <summary>The class of a live map of <paramref name="type"/>, or null for types that cannot be created.</summary>
    public static Type? Of(MapType type) => type switch
    {
        MapType.Array => typeof(ArrayMap),
        MapType.PercpuArray => typeof(PercpuArrayMap),
        MapType.Hash => typeof(HashMap),
        MapType.PercpuHash => typeof(PercpuHashMap),
        MapType.LruHash => typeof(LruHashMap),
        MapType.LruPercpuHash => typeof(LruPercpuHashMap),
        MapType.LpmTrie => typeof(LpmTrieMap),
        MapType.Queue => typeof(QueueMap),
        MapType.Stack => typeof(StackMap),
        MapType.Ringbuf => typeof(RingBufMap),
        MapType.Devmap => typeof(DevMap),
        MapType.ProgArray => typeof(ProgArrayMap),
        MapType.ArrayOfMaps => typeof(ArrayOfMaps),
        MapType.HashOfMaps => typeof(HashOfMaps),
        _ => null,
    };
}
