using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class HashMapTests
{
    [Fact]
    public void Flags_decide_between_create_and_replace()
    {
        using var map = Create<HashMap>(MapType.Hash, 4, 4, 4);
        Assert.Equal(MapError.NotFound, map.Update(U32(1), U32(10), MapUpdateFlags.Exist));
        Assert.Equal(MapError.None, map.Update(U32(1), U32(10), MapUpdateFlags.NoExist));
        Assert.Equal(MapError.Exists, map.Update(U32(1), U32(11), MapUpdateFlags.NoExist));
        Assert.Equal(MapError.None, map.Update(U32(1), U32(12), MapUpdateFlags.Exist));
        Assert.Equal(MapError.None, map.Update(U32(1), U32(13)));
        Assert.Equal(MapError.InvalidArgument, map.Update(U32(1), U32(14), (MapUpdateFlags)3));
        Assert.Equal(MapError.InvalidArgument, map.Update(U32(1), U32(14), MapUpdateFlags.Lock));
        Assert.Equal(-(long)MapError.InvalidArgument, ProgramUpdate(map, U32(1), U32(14), (ulong)MapUpdateFlags.Lock));
        Assert.Equal(13u, LookupU32(map, U32(1)));
    }

    [Fact]
    public void A_full_map_refuses_new_keys_but_replaces_existing_ones()
    {
        using var map = Create<HashMap>(MapType.Hash, 4, 4, 2);
        Assert.Equal(MapError.None, map.Update(U32(1), U32(1)));
        Assert.Equal(MapError.None, map.Update(U32(2), U32(2)));
        Assert.Equal(MapError.TooBig, map.Update(U32(3), U32(3)));
        Assert.Equal(-(long)MapError.TooBig, ProgramUpdate(map, U32(3), U32(3)));
        Assert.Equal(MapError.None, map.Update(U32(2), U32(20)));
        Assert.Equal(MapError.None, map.Delete(U32(1)));
        Assert.Equal(MapError.None, map.Update(U32(3), U32(3)));
        Assert.Equal([2u, 3u], KeysU32(map).Order());
    }

    [Fact]
    public void Delete_and_lookup_of_missing_keys_find_nothing()
    {
        using var map = Create<HashMap>(MapType.Hash, 4, 4, 2);
        Assert.Equal(MapError.NotFound, map.Delete(U32(1)));
        Assert.Equal(-(long)MapError.NotFound, ProgramDelete(map, U32(1)));
        Assert.Equal(MapError.NotFound, map.Lookup(U32(1), new byte[4]));
        Assert.Equal(0UL, ProgramLookup(map, U32(1)));
    }

    [Fact]
    public void Value_addresses_stay_valid_and_show_in_place_updates()
    {
        using var map = Create<HashMap>(MapType.Hash, 8, 4, 8);
        map.Update(U64(42), U32(1));
        var address = ProgramLookup(map, U64(42));
        Assert.True(map.Contains(address, 4));
        map.Update(U64(42), U32(2));
        Assert.Equal(2u, ReadU32(address));
        Assert.Equal(0L, ProgramUpdate(map, U64(42), U32(3)));
        Assert.Equal(3u, LookupU32(map, U64(42)));
    }

    [Fact]
    public void Iteration_visits_every_key_once()
    {
        using var map = Create<HashMap>(MapType.Hash, 4, 4, 100);
        for (uint i = 0; i < 100; i++)
        {
            Assert.Equal(MapError.None, map.Update(U32(i * 7919), U32(i)));
        }

        var keys = KeysU32(map);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (uint)i * 7919).Order(), keys.Order());
    }

    [Fact]
    public void Deleting_the_current_key_restarts_iteration_from_the_first_key()
    {
        using var map = Create<HashMap>(MapType.Hash, 4, 4, 8);
        for (uint i = 0; i < 5; i++)
        {
            map.Update(U32(i), U32(i));
        }

        var order = KeysU32(map);
        var next = new byte[4];
        Assert.Equal(MapError.None, map.GetNextKey(U32(order[2]), next));
        Assert.Equal(order[3], ReadU32(next));
        map.Delete(U32(order[2]));
        Assert.Equal(MapError.None, map.GetNextKey(U32(order[2]), next));
        Assert.Equal(order[0], ReadU32(next));
        Assert.Equal(MapError.NotFound, map.GetNextKey(U32(order[^1]), next));
    }

    [Fact]
    public void Zero_seed_gives_the_same_order_every_time()
    {
        using var first = Create<HashMap>(MapType.Hash, 4, 4, 64, MapFlags.ZeroSeed);
        using var second = Create<HashMap>(MapType.Hash, 4, 4, 64, MapFlags.ZeroSeed);
        for (uint i = 0; i < 40; i++)
        {
            first.Update(U32(i), U32(i));
            second.Update(U32(i), U32(i));
        }

        Assert.Equal(KeysU32(first), KeysU32(second));
    }

    [Fact]
    public void Lookup_and_delete_returns_the_value_and_removes_the_key()
    {
        using var map = Create<HashMap>(MapType.Hash, 4, 4, 2);
        map.Update(U32(1), U32(99));
        var value = new byte[4];
        Assert.Equal(MapError.None, map.LookupAndDelete(U32(1), value));
        Assert.Equal(99u, ReadU32(value));
        Assert.Equal(MapError.NotFound, map.LookupAndDelete(U32(1), value));
    }

    [Fact]
    public void Batches_copy_whole_buckets_and_end_with_not_found()
    {
        using var map = Create<HashMap>(MapType.Hash, 4, 4, 50);
        for (uint i = 0; i < 50; i++)
        {
            map.Update(U32(i), U32(i + 1000));
        }

        var cursor = new MapBatchCursor();
        var keys = new byte[4 * 8];
        var values = new byte[4 * 8];
        var seen = new List<uint>();
        MapError error;
        do
        {
            error = map.LookupBatch(cursor, keys, values, out var count);
            Assert.True(error is MapError.None or MapError.NotFound, $"{error}");
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(ReadU32(keys.AsSpan(i * 4)) + 1000, ReadU32(values.AsSpan(i * 4)));
                seen.Add(ReadU32(keys.AsSpan(i * 4)));
            }
        }
        while (error == MapError.None);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (uint)i), seen.Order());
        Assert.Equal(MapError.NotFound, map.LookupBatch(cursor, keys, values, out var none));
        Assert.Equal(0, none);
    }

    [Fact]
    public void A_batch_too_small_for_one_bucket_has_no_space()
    {
        using var map = Create<HashMap>(MapType.Hash, 4, 4, 1);
        map.Update(U32(1), U32(1));
        var cursor = new MapBatchCursor();
        Assert.Equal(MapError.InvalidArgument, map.LookupBatch(cursor, [], [], out _));
        Assert.Equal(MapError.NotFound, map.LookupBatch(cursor, new byte[4], new byte[4], out var count));
        Assert.Equal(1, count);
    }

    [Fact]
    public void Keys_longer_than_a_word_hash_and_compare_every_byte()
    {
        using var map = Create<HashMap>(MapType.Hash, 13, 4, 16);
        var a = Enumerable.Range(0, 13).Select(i => (byte)i).ToArray();
        var b = (byte[])a.Clone();
        b[12] = 99;
        map.Update(a, U32(1));
        map.Update(b, U32(2));
        Assert.Equal(1u, LookupU32(map, a));
        Assert.Equal(2u, LookupU32(map, b));
    }
}
