using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// eBPF for Windows' map type numbers (<c>ebpf_map_type_t</c> in its <c>ebpf_structs.h</c>). Only hash, array and
/// program array share Linux's numbers; the object reader turns the others into Linux's by name, since live maps
/// are created by Linux type.
/// </summary>
internal static class WindowsMapTypes
{
    /// <summary>Every map type, under Windows' numbers and bpftool's names.</summary>
    public static ImmutableArray<MapTypeDescriptor> All { get; } =
    [
        new("hash", 1), new("array", 2), new("prog_array", 3), new("percpu_hash", 4),
        new("percpu_array", 5), new("hash_of_maps", 6), new("array_of_maps", 7), new("lru_hash", 8),
        new("lpm_trie", 9), new("queue", 10), new("lru_percpu_hash", 11), new("stack", 12), new("ringbuf", 13),
    ];

}
