namespace Ebpf.Runtime.Compilation;

/// <summary>
/// How compiled code (the JIT's IL, ahead-of-time generated C#) performs <c>bpf_map_lookup_elem</c> on a map it knows
/// when it is compiled, instead of calling the helper: see <see cref="InlinedLookups.Of"/>.
/// </summary>
internal enum InlinedLookup
{
    /// <summary>A direct call of the map's own program-side lookup (no handle look-up, no helper context).</summary>
    Call,

    /// <summary>Inlined: <c>index &lt; max_entries ? values + index * stride : 0</c> from the map's handle block.</summary>
    Array,

    /// <summary>As <see cref="Array"/>, plus the offset of the running thread's CPU block.</summary>
    PercpuArray,

    /// <summary>The hash table's lookup instantiated for the map's key size (<c>HashTableMap.LookupElement&lt;TKey&gt;</c>).</summary>
    Hash,
}
