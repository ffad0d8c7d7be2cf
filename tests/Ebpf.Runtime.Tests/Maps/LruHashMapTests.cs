using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class LruHashMapTests
{
    [Fact]
    public void A_full_map_evicts_the_oldest_unused_key_instead_of_failing()
    {
        using var map = Create<LruHashMap>(MapType.LruHash, 4, 4, 4);
        for (uint key = 1; key <= 4; key++)
        {
            Assert.Equal(MapError.None, map.Update(U32(key), U32(key)));
        }

        Assert.Equal(MapError.None, map.Update(U32(5), U32(5)));
        Assert.Equal([2u, 3u, 4u, 5u], KeysU32(map).Order());
    }

    [Fact]
    public void Keys_looked_up_by_programs_survive_eviction()
    {
        using var map = Create<LruHashMap>(MapType.LruHash, 4, 4, 4);
        for (uint key = 1; key <= 4; key++)
        {
            map.Update(U32(key), U32(key));
        }

        Assert.NotEqual(0UL, ProgramLookup(map, U32(1)));
        Assert.NotEqual(0UL, ProgramLookup(map, U32(2)));
        map.Update(U32(5), U32(5));
        map.Update(U32(6), U32(6));
        Assert.Equal([1u, 2u, 5u, 6u], KeysU32(map).Order());
        map.Update(U32(7), U32(7));
        Assert.Equal([2u, 5u, 6u, 7u], KeysU32(map).Order());
    }

    [Fact]
    public void User_lookups_do_not_count_as_use()
    {
        using var map = Create<LruHashMap>(MapType.LruHash, 4, 4, 2);
        map.Update(U32(1), U32(1));
        map.Update(U32(2), U32(2));
        Assert.Equal(1u, LookupU32(map, U32(1)));
        map.Update(U32(3), U32(3));
        Assert.Null(LookupU32(map, U32(1)));
    }

    [Fact]
    public void Replacing_a_key_in_a_full_map_evicts_nothing()
    {
        using var map = Create<LruHashMap>(MapType.LruHash, 4, 4, 2);
        map.Update(U32(1), U32(1));
        map.Update(U32(2), U32(2));
        Assert.Equal(MapError.None, map.Update(U32(1), U32(10)));
        Assert.Equal(MapError.None, map.Update(U32(2), U32(20), MapUpdateFlags.Exist));
        Assert.Equal(MapError.Exists, map.Update(U32(2), U32(20), MapUpdateFlags.NoExist));
        Assert.Equal([1u, 2u], KeysU32(map).Order());
        Assert.Equal(10u, LookupU32(map, U32(1)));
    }

    [Fact]
    public void Programs_evict_too()
    {
        using var map = Create<LruHashMap>(MapType.LruHash, 4, 4, 1);
        Assert.Equal(0L, ProgramUpdate(map, U32(1), U32(1)));
        Assert.Equal(0L, ProgramUpdate(map, U32(2), U32(2)));
        Assert.Equal(-(long)MapError.NotFound, ProgramUpdate(map, U32(3), U32(3), (ulong)MapUpdateFlags.Exist));
        Assert.Equal([2u], KeysU32(map));
    }

    [Fact]
    public void Deleted_keys_free_their_element_before_anything_is_evicted()
    {
        using var map = Create<LruHashMap>(MapType.LruHash, 4, 4, 3);
        for (uint key = 1; key <= 3; key++)
        {
            map.Update(U32(key), U32(key));
        }

        map.Delete(U32(2));
        map.Update(U32(4), U32(4));
        Assert.Equal([1u, 3u, 4u], KeysU32(map).Order());
    }

    [Fact]
    public void Per_cpu_lru_maps_evict_and_keep_slots()
    {
        using var map = Create<LruPercpuHashMap>(MapType.LruPercpuHash, 4, 4, 2, cpus: 2);
        map.UpdatePercpu(1u, [1u, 2u]);
        map.UpdatePercpu(2u, [3u, 4u]);
        using (ExecutionCpu.Enter(1))
        {
            Assert.Equal(2u, ReadU32(ProgramLookup(map, U32(1))));
        }

        map.UpdatePercpu(3u, [5u, 6u]);
        Assert.Equal([1u, 3u], KeysU32(map).Order());
    }
}
