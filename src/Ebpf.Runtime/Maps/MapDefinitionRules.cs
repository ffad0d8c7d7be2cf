using System.Numerics;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// The checks Linux makes when a map is created (each type's <c>map_alloc_check</c>), with the errno the
/// kernel answers in each message. Limits follow a 64-bit kernel with 4 KiB pages.
/// </summary>
internal static class MapDefinitionRules
{
    /// <summary><c>KMALLOC_MAX_SIZE</c>.</summary>
    public const uint KmallocMaxSize = 4u << 20;

    /// <summary><c>PCPU_MIN_UNIT_SIZE</c>: the largest per-CPU value.</summary>
    public const uint PercpuMinUnitSize = 32u << 10;

    private const MapFlags AccessMask = MapFlags.ReadOnly | MapFlags.WriteOnly | MapFlags.ReadOnlyProgram | MapFlags.WriteOnlyProgram;
    private const MapFlags ArrayMask = MapFlags.NumaNode | MapFlags.Mmapable | AccessMask | MapFlags.InnerMap;
    private const MapFlags HashMask = MapFlags.NoPrealloc | MapFlags.NoCommonLru | MapFlags.NumaNode | AccessMask | MapFlags.ZeroSeed;
    private const MapFlags LpmMask = MapFlags.NoPrealloc | MapFlags.NumaNode | AccessMask;
    private const MapFlags QueueMask = MapFlags.NumaNode | AccessMask;
    private const MapFlags DevmapMask = MapFlags.NumaNode | MapFlags.ReadOnly | MapFlags.WriteOnly;

    /// <summary>Null when Linux would create the map; otherwise why not.</summary>
    public static Diagnostic? Check(MapSpec spec)
    {
        var refusal = spec.Type switch
        {
            MapType.Array or MapType.PercpuArray or MapType.ProgArray or MapType.ArrayOfMaps => CheckArray(spec),
            MapType.Hash or MapType.PercpuHash or MapType.LruHash or MapType.LruPercpuHash or MapType.HashOfMaps => CheckHash(spec),
            MapType.LpmTrie => CheckLpmTrie(spec),
            MapType.Queue or MapType.Stack => CheckQueue(spec),
            MapType.Ringbuf => CheckRingbuf(spec),
            MapType.Devmap => CheckDevmap(spec),
            _ => new Refusal(DiagnosticCode.UnsupportedMapType, $"the runtime does not implement {spec.Type} maps", null),
        };
        refusal ??= spec.Type is MapType.ArrayOfMaps or MapType.HashOfMaps ? CheckInner(spec.InnerMap) : null;
        return refusal is { } r ? Describe(spec, r) : null;
    }

    /// <summary>Null when <paramref name="bytes"/> fits the limit; otherwise a refusal.</summary>
    public static Diagnostic? CheckMemory(MapSpec spec, ulong bytes, MapOptions options) =>
        bytes <= (ulong)options.MemoryLimit
            ? null
            : Describe(spec, new Refusal(DiagnosticCode.MapTooLarge, $"needs {bytes} bytes, more than the limit of {options.MemoryLimit} (MapOptions.MemoryLimit)", "ENOMEM"));

    /// <summary>Throws the diagnostic, if any.</summary>
    public static void ThrowIfRefused(Diagnostic? diagnostic)
    {
        if (diagnostic is not null)
        {
            throw new DiagnosticException([diagnostic]);
        }
    }

    /// <summary>True for the per-CPU types.</summary>
    public static bool IsPercpu(MapType type) => type is MapType.PercpuArray or MapType.PercpuHash or MapType.LruPercpuHash;

    private static Refusal? CheckArray(MapSpec spec)
    {
        var percpu = spec.Type == MapType.PercpuArray;
        if (spec.Type is MapType.ProgArray or MapType.ArrayOfMaps)
        {
            if (spec.ValueSize != 4)
            {
                return Invalid("value size must be 4 (a program or map reference)");
            }

            if ((spec.Flags & (MapFlags.Mmapable | MapFlags.InnerMap)) != 0)
            {
                return Invalid("BPF_F_MMAPABLE and BPF_F_INNER_MAP are not allowed");
            }
        }

        return spec.MaxEntries == 0 ? Invalid("max_entries must not be zero")
            : spec.KeySize != 4 ? Invalid("key size must be 4 (a u32 index)")
            : spec.ValueSize == 0 ? Invalid("value size must not be zero")
            : FlagsRefusal(spec, ArrayMask) is { } flags ? flags
            : percpu && spec.Flags.HasFlag(MapFlags.Mmapable) ? Invalid("per-CPU arrays cannot be BPF_F_MMAPABLE")
            : percpu && spec.Flags.HasFlag(MapFlags.NumaNode) ? Invalid("per-CPU arrays take no NUMA node")
            : spec.ValueSize > int.MaxValue ? TooBig($"value size {spec.ValueSize} is above INT_MAX")
            : percpu && RoundUp8(spec.ValueSize) > PercpuMinUnitSize ? TooBig($"per-CPU value size {spec.ValueSize} is above {PercpuMinUnitSize}")
            : null;
    }

    private static Refusal? CheckHash(MapSpec spec)
    {
        var lru = spec.Type is MapType.LruHash or MapType.LruPercpuHash;
        var percpu = IsPercpu(spec.Type);
        var buckets = BitOperations.RoundUpToPowerOf2((ulong)spec.MaxEntries);
        return FlagsRefusal(spec, HashMask) is { } flags ? flags
            : !lru && spec.Flags.HasFlag(MapFlags.NoCommonLru) ? Invalid("BPF_F_NO_COMMON_LRU is for LRU maps only")
            : lru && spec.Flags.HasFlag(MapFlags.NoPrealloc) ? new Refusal(DiagnosticCode.InvalidMapDefinition, "LRU maps cannot be BPF_F_NO_PREALLOC", "ENOTSUPP")
            : spec.Flags.HasFlag(MapFlags.NumaNode) && (percpu || spec.Flags.HasFlag(MapFlags.NoCommonLru)) ? Invalid("per-CPU maps take no NUMA node")
            : spec.MaxEntries == 0 ? Invalid("max_entries must not be zero")
            : spec.KeySize == 0 ? Invalid("key size must not be zero")
            : spec.ValueSize == 0 ? Invalid("value size must not be zero")
            : spec.Type == MapType.HashOfMaps && spec.ValueSize != 4 ? Invalid("value size must be 4 (a map reference)")
            : (ulong)spec.KeySize + spec.ValueSize >= KmallocMaxSize - 48 ? TooBig($"key and value together are {(ulong)spec.KeySize + spec.ValueSize} bytes, above KMALLOC_MAX_SIZE")
            : percpu && RoundUp8(spec.ValueSize) > PercpuMinUnitSize ? TooBig($"per-CPU value size {spec.ValueSize} is above {PercpuMinUnitSize}")
            : buckets > uint.MaxValue / 16 ? TooBig($"{spec.MaxEntries} entries need too many buckets")
            : null;
    }

    private static Refusal? CheckLpmTrie(MapSpec spec) =>
        spec.MaxEntries == 0 ? Invalid("max_entries must not be zero")
        : !spec.Flags.HasFlag(MapFlags.NoPrealloc) ? Invalid("LPM tries must be created with BPF_F_NO_PREALLOC")
        : FlagsRefusal(spec, LpmMask) is { } flags ? flags
        : spec.KeySize is < 5 or > 260 ? Invalid("key size must be 4 (prefixlen) + 1 to 256 data bytes")
        : spec.ValueSize == 0 || spec.ValueSize > KmallocMaxSize - 256 - 32 ? Invalid($"value size {spec.ValueSize} is out of range")
        : null;

    private static Refusal? CheckQueue(MapSpec spec) =>
        spec.MaxEntries == 0 ? Invalid("max_entries must not be zero")
        : spec.KeySize != 0 ? Invalid("key size must be 0 (queues and stacks have no keys)")
        : spec.ValueSize == 0 ? Invalid("value size must not be zero")
        : FlagsRefusal(spec, QueueMask) is { } flags ? flags
        : spec.ValueSize > KmallocMaxSize ? TooBig($"value size {spec.ValueSize} is above KMALLOC_MAX_SIZE")
        : null;

    private static Refusal? CheckRingbuf(MapSpec spec)
    {
        var page = (uint)Environment.SystemPageSize;
        return (spec.Flags & ~MapFlags.NumaNode) != 0 ? Invalid($"flags 0x{(uint)spec.Flags:x} are not allowed")
            : spec.KeySize != 0 || spec.ValueSize != 0 ? Invalid("key and value sizes must be 0")
            : !BitOperations.IsPow2(spec.MaxEntries) || spec.MaxEntries % page != 0 ? Invalid($"max_entries {spec.MaxEntries} must be a power of 2 and a multiple of the page size ({page})")
            : null;
    }

    /// <summary><c>dev_map_alloc_check</c>: a u32 index to a <c>struct bpf_devmap_val</c> of 4 (ifindex) or 8 bytes (and a program).</summary>
    private static Refusal? CheckDevmap(MapSpec spec) =>
        spec.MaxEntries == 0 ? Invalid("max_entries must not be zero")
        : spec.KeySize != 4 ? Invalid("key size must be 4 (a u32 index)")
        : spec.ValueSize is not (4 or 8) ? Invalid("value size must be 4 (an ifindex) or 8 (an ifindex and a program)")
        : FlagsRefusal(spec, DevmapMask);

    private static Refusal? CheckInner(MapSpec? inner)
    {
        if (inner is null)
        {
            return Invalid("a map of maps needs an inner map definition (MapSpec.InnerMap)");
        }

        if (inner.Type is MapType.ArrayOfMaps or MapType.HashOfMaps)
        {
            return Invalid("maps of maps nest one level only");
        }

        if (inner.Type == MapType.ProgArray)
        {
            return new Refusal(DiagnosticCode.InvalidMapDefinition, "program arrays cannot be inner maps", "ENOTSUPP");
        }

        return Check(inner) is { } diagnostic ? new Refusal(diagnostic.Code, "inner map: " + diagnostic.Message, null) : null;
    }

    private static Refusal? FlagsRefusal(MapSpec spec, MapFlags allowed)
    {
        var flags = spec.Flags;
        if ((flags & ~allowed) != 0)
        {
            return Invalid($"flags 0x{(uint)(flags & ~allowed):x} are not allowed for {spec.Type} maps");
        }

        return (flags.HasFlag(MapFlags.ReadOnly) && flags.HasFlag(MapFlags.WriteOnly))
            || (flags.HasFlag(MapFlags.ReadOnlyProgram) && flags.HasFlag(MapFlags.WriteOnlyProgram))
            ? Invalid("a map cannot be both read-only and write-only")
            : null;
    }

    private static ulong RoundUp8(uint size) => ((ulong)size + 7) & ~7UL;

    private static Refusal Invalid(string message) => new(DiagnosticCode.InvalidMapDefinition, message, "EINVAL");

    private static Refusal TooBig(string message) => new(DiagnosticCode.MapTooLarge, message, "E2BIG");

    private static Diagnostic Describe(MapSpec spec, Refusal refusal)
    {
        var errno = refusal.Errno is null ? "" : $" (Linux: {refusal.Errno})";
        return new Diagnostic(refusal.Code, $"map '{spec.Name}' ({spec.Type}): {refusal.Message}{errno}", new DiagnosticLocation(Section: spec.SectionName));
    }

    private sealed record Refusal(DiagnosticCode Code, string Message, string? Errno);
}
