using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class MapCreationTests
{
    /// <summary>Definitions and what Linux answers at creation: null when it creates the map.</summary>
    public static TheoryData<MapType, uint, uint, uint, MapFlags, DiagnosticCode?> Definitions => new()
    {
        { MapType.Hash, 0, 4, 1, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Hash, 4, 0, 1, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Hash, 4, 4, 0, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Hash, 513, 4, 1, MapFlags.None, null },
        { MapType.Hash, 4, 4, 1, MapFlags.InnerMap, DiagnosticCode.InvalidMapDefinition },
        { MapType.Hash, 4, 4, 1, MapFlags.ReadOnlyProgram, null },
        { MapType.Hash, 4, 4, 1, MapFlags.ReadOnly | MapFlags.WriteOnly, DiagnosticCode.InvalidMapDefinition },
        { MapType.Hash, 4, 4, 1, MapFlags.Mmapable, DiagnosticCode.InvalidMapDefinition },
        { MapType.Hash, 4, 4, 1, MapFlags.NoCommonLru, DiagnosticCode.InvalidMapDefinition },
        { MapType.Hash, 4, 4, 1, MapFlags.NoPrealloc, null },
        { MapType.Hash, 4, 4, uint.MaxValue, MapFlags.None, DiagnosticCode.MapTooLarge },
        { MapType.LruHash, 4, 4, 1, MapFlags.NoPrealloc, DiagnosticCode.InvalidMapDefinition },
        { MapType.LruHash, 4, 4, 1, MapFlags.NoCommonLru, null },
        { MapType.PercpuHash, 4, 32769, 1, MapFlags.None, DiagnosticCode.MapTooLarge },
        { MapType.Array, 8, 4, 1, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Array, 4, 0, 1, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Array, 4, 4, 0, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Array, 4, 4, 1, MapFlags.NoPrealloc, DiagnosticCode.InvalidMapDefinition },
        { MapType.Array, 4, 4, 1, MapFlags.Mmapable, null },
        { MapType.Array, 4, 4, 1, MapFlags.InnerMap, null },
        { MapType.PercpuArray, 4, 4, 1, MapFlags.Mmapable, DiagnosticCode.InvalidMapDefinition },
        { MapType.PercpuArray, 4, 32769, 1, MapFlags.None, DiagnosticCode.MapTooLarge },
        { MapType.PercpuArray, 4, 32768, 1, MapFlags.None, null },
        { MapType.Queue, 4, 4, 1, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Queue, 0, 0, 1, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Queue, 0, 4, 0, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Queue, 0, 4, 1, MapFlags.NoPrealloc, DiagnosticCode.InvalidMapDefinition },
        { MapType.Stack, 0, 4, 1, MapFlags.None, null },
        { MapType.Ringbuf, 0, 0, 4096, MapFlags.None, null },
        { MapType.Ringbuf, 0, 0, 4097, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Ringbuf, 0, 0, 2048, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Ringbuf, 0, 0, 12288, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Ringbuf, 4, 0, 4096, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.Ringbuf, 0, 0, 4096, MapFlags.NoPrealloc, DiagnosticCode.InvalidMapDefinition },
        { MapType.LpmTrie, 4, 4, 1, MapFlags.NoPrealloc, DiagnosticCode.InvalidMapDefinition },
        { MapType.LpmTrie, 5, 4, 1, MapFlags.NoPrealloc, null },
        { MapType.LpmTrie, 260, 4, 1, MapFlags.NoPrealloc, null },
        { MapType.LpmTrie, 261, 4, 1, MapFlags.NoPrealloc, DiagnosticCode.InvalidMapDefinition },
        { MapType.LpmTrie, 8, 4, 1, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.LpmTrie, 8, 0, 1, MapFlags.NoPrealloc, DiagnosticCode.InvalidMapDefinition },
        { MapType.ProgArray, 4, 8, 1, MapFlags.None, DiagnosticCode.InvalidMapDefinition },
        { MapType.ProgArray, 4, 4, 1, MapFlags.None, null },
    };

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Creation_validates_definitions_as_Linux(MapType type, uint keySize, uint valueSize, uint maxEntries, MapFlags flags, DiagnosticCode? expected)
    {
        var spec = Maps.Spec(type, keySize, valueSize, maxEntries, flags);
        if (expected is null)
        {
            using var map = BpfMap.Create(spec, Maps.TwoCpus);
            Assert.Equal(type, map.Type);
            return;
        }

        var error = Assert.Throws<DiagnosticException>(() => BpfMap.Create(spec, Maps.TwoCpus));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(expected, diagnostic.Code);
        Assert.Contains($"'{spec.Name}'", diagnostic.Message, StringComparison.Ordinal);
    }

    [KernelTheory]
    [MemberData(nameof(Definitions))]
    public void The_kernel_accepts_and_refuses_the_same_definitions(MapType type, uint keySize, uint valueSize, uint maxEntries, MapFlags flags, DiagnosticCode? expected)
    {
        var error = KernelMap.TryCreate(out var map, "type", KernelTypeName(type), "key", $"{keySize}", "value", $"{valueSize}", "entries", $"{maxEntries}", "flags", $"{(uint)flags}");
        map?.Dispose();
        Assert.Equal(expected is null, error == MapError.None);
    }

    [Fact]
    public void Unsupported_types_are_named()
    {
        var error = Assert.Throws<DiagnosticException>(() => BpfMap.Create(Maps.Spec(MapType.PerfEventArray, 4, 4, 1)));
        Assert.Equal(DiagnosticCode.UnsupportedMapType, error.Diagnostics[0].Code);
        Assert.Contains("PerfEventArray", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_name_the_Linux_errno()
    {
        var error = Assert.Throws<DiagnosticException>(() => BpfMap.Create(Maps.Spec(MapType.LpmTrie, 8, 4, 1)));
        Assert.Contains("BPF_F_NO_PREALLOC", error.Message, StringComparison.Ordinal);
        Assert.Contains("EINVAL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maps_above_the_memory_limit_are_refused_before_allocating()
    {
        var spec = Maps.Spec(MapType.Array, 4, 1 << 20, 1 << 12);
        var error = Assert.Throws<DiagnosticException>(() => BpfMap.Create(spec, new MapOptions(1) { MemoryLimit = 1 << 30 }));
        Assert.Equal(DiagnosticCode.MapTooLarge, error.Diagnostics[0].Code);
        Assert.Contains("ENOMEM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BpfMap.Create(Maps.Spec(MapType.Array, 4, 4, 1), new MapOptions(0)));
        Assert.Equal(Environment.ProcessorCount, new MapOptions().CpuCount);
    }

    [Fact]
    public void Maps_of_maps_need_a_usable_inner_definition()
    {
        var inner = Maps.Spec(MapType.Array, 4, 4, 1);
        Assert.Equal(DiagnosticCode.InvalidMapDefinition, Refusal(Maps.Spec(MapType.ArrayOfMaps, 4, 4, 1)));
        Assert.Equal(DiagnosticCode.InvalidMapDefinition, Refusal(Maps.Spec(MapType.ArrayOfMaps, 4, 8, 1, inner: inner)));
        Assert.Equal(DiagnosticCode.InvalidMapDefinition, Refusal(Maps.Spec(MapType.HashOfMaps, 4, 4, 1, inner: Maps.Spec(MapType.ArrayOfMaps, 4, 4, 1, inner: inner))));
        Assert.Equal(DiagnosticCode.InvalidMapDefinition, Refusal(Maps.Spec(MapType.HashOfMaps, 4, 4, 1, inner: Maps.Spec(MapType.ProgArray, 4, 4, 1))));
        Assert.Equal(DiagnosticCode.InvalidMapDefinition, Refusal(Maps.Spec(MapType.HashOfMaps, 4, 4, 1, inner: Maps.Spec(MapType.Array, 8, 4, 1))));
        Assert.Equal(DiagnosticCode.UnsupportedMapType, Refusal(Maps.Spec(MapType.HashOfMaps, 4, 4, 1, inner: Maps.Spec(MapType.Sockmap, 4, 4, 1))));
    }

    private static DiagnosticCode Refusal(MapSpec spec) =>
        Assert.Throws<DiagnosticException>(() => BpfMap.Create(spec, Maps.TwoCpus)).Diagnostics[0].Code;

    private static string KernelTypeName(MapType type) => type switch
    {
        MapType.PercpuHash => "percpu_hash",
        MapType.PercpuArray => "percpu_array",
        MapType.LruHash => "lru_hash",
        MapType.LpmTrie => "lpm_trie",
        MapType.ProgArray => "prog_array",
        _ => type.ToString().ToLowerInvariant(),
    };
}
