namespace Ebpf.Core.Specs;

/// <summary>Map creation flags, as Linux's <c>BPF_F_*</c> values.</summary>
[Flags]
public enum MapFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary><c>BPF_F_NO_PREALLOC</c>: allocate entries on demand (required for LPM tries).</summary>
    NoPrealloc = 1 << 0,
    /// <summary><c>BPF_F_NO_COMMON_LRU</c>.</summary>
    NoCommonLru = 1 << 1,
    /// <summary><c>BPF_F_NUMA_NODE</c>.</summary>
    NumaNode = 1 << 2,
    /// <summary><c>BPF_F_RDONLY</c>: read-only for user space.</summary>
    ReadOnly = 1 << 3,
    /// <summary><c>BPF_F_WRONLY</c>: write-only for user space.</summary>
    WriteOnly = 1 << 4,
    /// <summary><c>BPF_F_ZERO_SEED</c>: hash maps use a zero hash seed, for reproducible iteration order in tests.</summary>
    ZeroSeed = 1 << 6,
    /// <summary><c>BPF_F_RDONLY_PROG</c>: read-only for programs (<c>.rodata</c>).</summary>
    ReadOnlyProgram = 1 << 7,
    /// <summary><c>BPF_F_WRONLY_PROG</c>: write-only for programs.</summary>
    WriteOnlyProgram = 1 << 8,
    /// <summary><c>BPF_F_MMAPABLE</c>: user space may map the array's memory.</summary>
    Mmapable = 1 << 10,
    /// <summary><c>BPF_F_INNER_MAP</c>.</summary>
    InnerMap = 1 << 12,
}
