using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_LRU_PERCPU_HASH</c>: an LRU hash map (eviction as <see cref="LruHashMap"/>) whose
/// elements hold one value per CPU slot (as <see cref="PercpuHashMap"/>).
/// </summary>
public sealed class LruPercpuHashMap : HashTableMap
{
    internal LruPercpuHashMap(MapSpec spec, MapOptions options)
        : base(spec, options, percpu: true, lru: true)
    {
    }
}
