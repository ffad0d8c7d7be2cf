using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_HASH</c>: up to <c>max_entries</c> elements by key. A full map refuses new keys with
/// <see cref="MapError.TooBig"/>; replacing an existing key always succeeds. Iteration follows bucket
/// order (seeded per map; <c>BPF_F_ZERO_SEED</c> makes it reproducible), and a key deleted during a
/// get-next-key walk restarts it from the first key, as in Linux.
/// </summary>
public sealed class HashMap : HashTableMap
{
    internal HashMap(MapSpec spec, MapOptions options)
        : base(spec, options, percpu: false, lru: false)
    {
    }
}
