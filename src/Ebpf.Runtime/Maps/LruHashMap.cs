using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_LRU_HASH</c>: a hash map that, when full, evicts an element it has not seen used
/// recently instead of refusing a new key.
/// </summary>
/// <remarks>
/// <para>The order is approximate, as in the kernel: lookups by programs set a reference bit (user-space
/// lookups do not, as Linux's <c>lookup_elem_sys</c>), and eviction runs a second-chance (CLOCK) pass
/// over one list in insertion order: the oldest element whose bit is clear goes, and elements with the
/// bit set get it cleared and move to the back. An element looked up by a program since the last pass
/// always outlives one that was not.</para>
/// <para>Differences from Linux: there is one list even with <c>BPF_F_NO_COMMON_LRU</c> (accepted, no
/// per-CPU lists), so evictions start only when all <c>max_entries</c> elements are in use; and replacing
/// an existing key evicts nothing (Linux allocates a fresh element for every update, which can evict
/// another key when the map is full).</para>
/// </remarks>
public sealed class LruHashMap : HashTableMap
{
    internal LruHashMap(MapSpec spec, MapOptions options)
        : base(spec, options, percpu: false, lru: true)
    {
    }
}
