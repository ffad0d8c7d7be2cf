using Ebpf.Runtime.Execution;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary><c>bpf_map_lookup_percpu_elem</c>; helpers_maps.c cases 22 to 24.</summary>
public sealed class PercpuLookupHelperTests
{
    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_program_reaches_cpu_0s_slot_and_no_slot_past_the_last_cpu_or_the_last_key(EngineKind engine)
    {
        using var loaded = Load("helpers_maps", engine);
        RunOnce(loaded);
        var results = loaded.FindMap("results")!;
        Assert.Equal([77, 1, 1], Enumerable.Range(22, 3).Select(i => S64(results, (uint)i)));
    }

    [Fact]
    public void Each_cpus_slot_is_written_where_user_space_sees_it()
    {
        using var map = Create(MapType.PercpuArray, 4, 8, 2, cpus: 2);
        foreach (var cpu in new[] { 0, 1 })
        {
            // *(u64 *)bpf_map_lookup_percpu_elem(map, &1, cpu) = 100 + cpu
            Returns($"mov %r6, %r1\nstw [%r6], 1\n{LoadMap(map)}\nmov %r2, %r6\nmov %r3, {cpu}\ncall 195\nstdw [%r0], {100 + cpu}\nexit", maps: [map]);
        }

        var values = new byte[map.UserValueSize];
        Assert.Equal(MapError.None, map.Lookup(U32(1), values));
        Assert.Equal([100UL, 101UL], [ReadU64(values), ReadU64(values.AsSpan(8))]);
    }

    [Theory]
    [InlineData(MapType.PercpuHash, 2)]
    [InlineData(MapType.PercpuArray, 2)]
    [InlineData(MapType.PercpuArray, -1)]
    [InlineData(MapType.Array, 0)]
    public void Past_the_cpu_count_and_on_maps_that_are_not_per_cpu_the_lookup_is_null(MapType type, int cpu)
    {
        using var map = Create(type, 4, 8, 2, cpus: 2);
        Assert.Equal(0UL, Returns($"mov %r6, %r1\nstw [%r6], 0\n{LoadMap(map)}\nmov %r2, %r6\nmov %r3, {cpu}\ncall 195\nexit", maps: [map]));
    }

    [Fact]
    public void Only_the_low_32_bits_of_the_cpu_argument_count()
    {
        using var map = Create(MapType.PercpuArray, 4, 8, 2, cpus: 2);
        var address = Returns($"mov %r6, %r1\nstw [%r6], 0\n{LoadMap(map)}\nmov %r2, %r6\nlddw %r3, 0x100000001\ncall 195\nexit", maps: [map]);
        Assert.NotEqual(0UL, address);
    }
}
