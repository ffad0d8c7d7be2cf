using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class PercpuHashMapTests
{
    [Fact]
    public void A_program_creates_an_element_with_only_its_own_slot_set()
    {
        using var map = Create<PercpuHashMap>(MapType.PercpuHash, 4, 4, 4, cpus: 3);
        using (ExecutionCpu.Enter(1))
        {
            Assert.Equal(0L, ProgramUpdate(map, U32(7), U32(70)));
        }

        var value = new byte[map.UserValueSize];
        Assert.Equal(24, value.Length);
        Assert.Equal(MapError.None, map.Lookup(U32(7), value));
        Assert.Equal(0u, ReadU32(value.AsSpan(0)));
        Assert.Equal(70u, ReadU32(value.AsSpan(8)));
        Assert.Equal(0u, ReadU32(value.AsSpan(16)));
    }

    [Fact]
    public void A_program_update_of_an_existing_element_leaves_other_slots()
    {
        using var map = Create<PercpuHashMap>(MapType.PercpuHash, 4, 8, 4, cpus: 2);
        Assert.Equal(MapError.None, map.UpdatePercpu(1u, [5UL, 6UL]));
        using (ExecutionCpu.Enter(0))
        {
            Assert.Equal(0L, ProgramUpdate(map, U32(1), U64(50)));
            Assert.Equal(50UL, Read64(ProgramLookup(map, U32(1))));
        }

        Span<ulong> values = stackalloc ulong[2];
        Assert.True(map.TryLookupPercpu(1u, values));
        Assert.Equal([50UL, 6UL], values.ToArray());
    }

    [Fact]
    public unsafe void Per_cpu_lookups_name_a_slot()
    {
        using var map = Create<PercpuHashMap>(MapType.PercpuHash, 4, 8, 4, cpus: 2);
        map.UpdatePercpu(1u, [5UL, 6UL]);
        var key = U32(1);
        fixed (byte* k = key)
        {
            Assert.Equal(6UL, *(ulong*)map.LookupPercpuElement(k, 1));
            Assert.Equal(0UL, map.LookupPercpuElement(k, 2));
        }

        using var plain = Create<HashMap>(MapType.Hash, 4, 8, 4);
        plain.Update(1u, 1UL);
        fixed (byte* k = key)
        {
            Assert.Equal(0UL, plain.LookupPercpuElement(k, 0));
        }
    }

    [Fact]
    public void Batches_carry_every_slot()
    {
        using var map = Create<PercpuHashMap>(MapType.PercpuHash, 4, 4, 4, cpus: 2);
        map.UpdatePercpu(3u, [30u, 31u]);
        var keys = new byte[16];
        var values = new byte[4 * 16];
        Assert.Equal(MapError.NotFound, map.LookupBatch(new MapBatchCursor(), keys, values, out var count));
        Assert.Equal(1, count);
        Assert.Equal(30u, ReadU32(values.AsSpan(0)));
        Assert.Equal(31u, ReadU32(values.AsSpan(8)));
    }

    private static unsafe ulong Read64(ulong address) => *(ulong*)address;
}
