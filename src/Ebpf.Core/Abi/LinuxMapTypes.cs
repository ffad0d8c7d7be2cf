using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>Linux map types by bpftool's names (<c>libbpf_bpf_map_type_str</c>), numbered as <see cref="MapType"/>.</summary>
internal static class LinuxMapTypes
{
    /// <summary>Every Linux map type but <c>BPF_MAP_TYPE_UNSPEC</c>.</summary>
    public static ImmutableArray<MapTypeDescriptor> All { get; } =
    [
        M("hash", MapType.Hash), M("array", MapType.Array), M("prog_array", MapType.ProgArray),
        M("perf_event_array", MapType.PerfEventArray), M("percpu_hash", MapType.PercpuHash),
        M("percpu_array", MapType.PercpuArray), M("stack_trace", MapType.StackTrace),
        M("cgroup_array", MapType.CgroupArray), M("lru_hash", MapType.LruHash),
        M("lru_percpu_hash", MapType.LruPercpuHash), M("lpm_trie", MapType.LpmTrie),
        M("array_of_maps", MapType.ArrayOfMaps), M("hash_of_maps", MapType.HashOfMaps), M("devmap", MapType.Devmap),
        M("sockmap", MapType.Sockmap), M("cpumap", MapType.Cpumap), M("xskmap", MapType.Xskmap),
        M("sockhash", MapType.Sockhash), M("cgroup_storage", MapType.CgroupStorage),
        M("reuseport_sockarray", MapType.ReuseportSockarray), M("percpu_cgroup_storage", MapType.PercpuCgroupStorage),
        M("queue", MapType.Queue), M("stack", MapType.Stack), M("sk_storage", MapType.SkStorage),
        M("devmap_hash", MapType.DevmapHash), M("struct_ops", MapType.StructOps), M("ringbuf", MapType.Ringbuf),
        M("inode_storage", MapType.InodeStorage), M("task_storage", MapType.TaskStorage),
        M("bloom_filter", MapType.BloomFilter), M("user_ringbuf", MapType.UserRingbuf),
        M("cgrp_storage", MapType.CgrpStorage), M("arena", MapType.Arena),
    ];

    private static MapTypeDescriptor M(string name, MapType type) => new(name, (int)type);
}
