namespace Ebpf.Core.Abi;

/// <summary>Map types, numbered as Linux's <c>enum bpf_map_type</c>.</summary>
public enum MapType
{
    /// <summary>No type.</summary>
    Unspecified = 0,
    /// <summary><c>BPF_MAP_TYPE_HASH</c>.</summary>
    Hash = 1,
    /// <summary><c>BPF_MAP_TYPE_ARRAY</c>.</summary>
    Array = 2,
    /// <summary><c>BPF_MAP_TYPE_PROG_ARRAY</c>: programs for tail calls.</summary>
    ProgArray = 3,
    /// <summary><c>BPF_MAP_TYPE_PERF_EVENT_ARRAY</c>.</summary>
    PerfEventArray = 4,
    /// <summary><c>BPF_MAP_TYPE_PERCPU_HASH</c>.</summary>
    PercpuHash = 5,
    /// <summary><c>BPF_MAP_TYPE_PERCPU_ARRAY</c>.</summary>
    PercpuArray = 6,
    /// <summary><c>BPF_MAP_TYPE_STACK_TRACE</c>.</summary>
    StackTrace = 7,
    /// <summary><c>BPF_MAP_TYPE_CGROUP_ARRAY</c>.</summary>
    CgroupArray = 8,
    /// <summary><c>BPF_MAP_TYPE_LRU_HASH</c>.</summary>
    LruHash = 9,
    /// <summary><c>BPF_MAP_TYPE_LRU_PERCPU_HASH</c>.</summary>
    LruPercpuHash = 10,
    /// <summary><c>BPF_MAP_TYPE_LPM_TRIE</c>.</summary>
    LpmTrie = 11,
    /// <summary><c>BPF_MAP_TYPE_ARRAY_OF_MAPS</c>.</summary>
    ArrayOfMaps = 12,
    /// <summary><c>BPF_MAP_TYPE_HASH_OF_MAPS</c>.</summary>
    HashOfMaps = 13,
    /// <summary><c>BPF_MAP_TYPE_DEVMAP</c>.</summary>
    Devmap = 14,
    /// <summary><c>BPF_MAP_TYPE_SOCKMAP</c>.</summary>
    Sockmap = 15,
    /// <summary><c>BPF_MAP_TYPE_CPUMAP</c>.</summary>
    Cpumap = 16,
    /// <summary><c>BPF_MAP_TYPE_XSKMAP</c>.</summary>
    Xskmap = 17,
    /// <summary><c>BPF_MAP_TYPE_SOCKHASH</c>.</summary>
    Sockhash = 18,
    /// <summary><c>BPF_MAP_TYPE_CGROUP_STORAGE</c>.</summary>
    CgroupStorage = 19,
    /// <summary><c>BPF_MAP_TYPE_REUSEPORT_SOCKARRAY</c>.</summary>
    ReuseportSockarray = 20,
    /// <summary><c>BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE</c>.</summary>
    PercpuCgroupStorage = 21,
    /// <summary><c>BPF_MAP_TYPE_QUEUE</c>.</summary>
    Queue = 22,
    /// <summary><c>BPF_MAP_TYPE_STACK</c>.</summary>
    Stack = 23,
    /// <summary><c>BPF_MAP_TYPE_SK_STORAGE</c>.</summary>
    SkStorage = 24,
    /// <summary><c>BPF_MAP_TYPE_DEVMAP_HASH</c>.</summary>
    DevmapHash = 25,
    /// <summary><c>BPF_MAP_TYPE_STRUCT_OPS</c>.</summary>
    StructOps = 26,
    /// <summary><c>BPF_MAP_TYPE_RINGBUF</c>.</summary>
    Ringbuf = 27,
    /// <summary><c>BPF_MAP_TYPE_INODE_STORAGE</c>.</summary>
    InodeStorage = 28,
    /// <summary><c>BPF_MAP_TYPE_TASK_STORAGE</c>.</summary>
    TaskStorage = 29,
    /// <summary><c>BPF_MAP_TYPE_BLOOM_FILTER</c>.</summary>
    BloomFilter = 30,
    /// <summary><c>BPF_MAP_TYPE_USER_RINGBUF</c>.</summary>
    UserRingbuf = 31,
    /// <summary><c>BPF_MAP_TYPE_CGRP_STORAGE</c>.</summary>
    CgrpStorage = 32,
    /// <summary><c>BPF_MAP_TYPE_ARENA</c>.</summary>
    Arena = 33,
}
