using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_PERCPU_HASH</c>: a hash map whose elements hold one value per CPU slot. A program's
/// update writes its own slot (a new element starts with the other slots zeroed); user space reads and
/// writes all slots, <c>round_up(value_size, 8)</c> bytes each.
/// </summary>
public sealed class PercpuHashMap : HashTableMap
{
    internal PercpuHashMap(MapSpec spec, MapOptions options)
        : base(spec, options, percpu: true, lru: false)
    {
    }
}
