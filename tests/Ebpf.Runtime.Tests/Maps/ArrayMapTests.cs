using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class ArrayMapTests
{
    [Fact]
    public void Every_element_exists_and_starts_zeroed()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 4, 3);
        Assert.Equal(0u, LookupU32(map, U32(2)));
        Assert.Equal([0u, 1u, 2u], KeysU32(map));
    }

    [Fact]
    public void Update_flags_and_index_errors_follow_Linux()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 4, 2);
        Assert.Equal(MapError.None, map.Update(U32(0), U32(7)));
        Assert.Equal(MapError.None, map.Update(U32(1), U32(8), MapUpdateFlags.Exist));
        Assert.Equal(MapError.Exists, map.Update(U32(0), U32(7), MapUpdateFlags.NoExist));
        Assert.Equal(MapError.TooBig, map.Update(U32(2), U32(7)));
        Assert.Equal(-(long)MapError.TooBig, ProgramUpdate(map, U32(2), U32(7), (ulong)MapUpdateFlags.NoExist));
        Assert.Equal(MapError.InvalidArgument, map.Update(U32(0), U32(7), (MapUpdateFlags)3));
        Assert.Equal(MapError.InvalidArgument, map.Update(U32(0), U32(7), MapUpdateFlags.Lock));
        Assert.Equal(7u, LookupU32(map, U32(0)));
        Assert.Equal(8u, LookupU32(map, U32(1)));
    }

    [Fact]
    public void Delete_is_invalid_and_lookup_past_the_end_finds_nothing()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 4, 2);
        Assert.Equal(MapError.InvalidArgument, map.Delete(U32(0)));
        Assert.Equal(-(long)MapError.InvalidArgument, ProgramDelete(map, U32(0)));
        Assert.Equal(MapError.NotFound, map.Lookup(U32(2), new byte[4]));
        Assert.Equal(0UL, ProgramLookup(map, U32(2)));
        Assert.Equal(MapError.NotSupported, map.LookupAndDelete(U32(0), new byte[4]));
    }

    [Fact]
    public void Next_key_starts_over_past_the_end_and_stops_at_the_last_index()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 4, 2);
        var next = new byte[4];
        Assert.Equal(MapError.None, map.GetNextKey([], next));
        Assert.Equal(0u, ReadU32(next));
        Assert.Equal(MapError.None, map.GetNextKey(U32(5), next));
        Assert.Equal(0u, ReadU32(next));
        Assert.Equal(MapError.None, map.GetNextKey(U32(0), next));
        Assert.Equal(1u, ReadU32(next));
        Assert.Equal(MapError.NotFound, map.GetNextKey(U32(1), next));
    }

    [Fact]
    public void Program_lookups_return_stable_addresses_of_the_values_in_place()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 12, 4);
        var first = ProgramLookup(map, U32(1));
        Assert.NotEqual(0UL, first);
        Assert.Equal(first, ProgramLookup(map, U32(1)));
        Assert.Equal(16UL, ProgramLookup(map, U32(2)) - first);
        map.Update(U32(1), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        Assert.Equal(0x04030201u, ReadU32(first));
        Assert.True(map.Contains(first, 12));
        Assert.False(map.Contains(first + 64, 1));
    }

    [Fact]
    public void The_handle_describes_the_values_for_inlined_lookups()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 12, 4);
        var handle = map.Handle;
        Assert.Equal((uint)MapType.Array, ReadU32(handle + MapHandleLayout.Type));
        Assert.Equal(12u, ReadU32(handle + MapHandleLayout.ValueSize));
        Assert.Equal(4u, ReadU32(handle + MapHandleLayout.MaxEntries));
        Assert.Equal(16u, ReadU32(handle + MapHandleLayout.ValueStride));
        unsafe
        {
            var values = *(ulong*)(handle + MapHandleLayout.Values);
            Assert.Equal(ProgramLookup(map, U32(3)), values + (3 * 16));
        }
    }

    [Fact]
    public void Batches_walk_every_index()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 4, 5);
        for (uint i = 0; i < 5; i++)
        {
            map.Update(U32(i), U32(i * 10));
        }

        var cursor = new MapBatchCursor();
        var keys = new byte[4 * 2];
        var values = new byte[4 * 2];
        var seen = new List<uint>();
        MapError error;
        do
        {
            error = map.LookupBatch(cursor, keys, values, out var count);
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(ReadU32(keys.AsSpan(i * 4)) * 10, ReadU32(values.AsSpan(i * 4)));
                seen.Add(ReadU32(keys.AsSpan(i * 4)));
            }
        }
        while (error == MapError.None);
        Assert.Equal(MapError.NotFound, error);
        Assert.Equal([0u, 1u, 2u, 3u, 4u], seen);
        Assert.True(cursor.IsComplete);
    }

    [Fact]
    public void Typed_access_reads_and_writes_unmanaged_values()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 8, 2);
        Assert.Equal(MapError.None, map.Update(1u, 0x1122334455667788UL));
        Assert.Equal(0x1122334455667788UL, map.Lookup<uint, ulong>(1u));
        Assert.False(map.TryLookup(9u, out ulong _));
        Assert.Throws<KeyNotFoundException>(() => map.Lookup<uint, ulong>(9u));
        Assert.Throws<ArgumentException>(() => map.Update(1u, 5u));
    }

    [Fact]
    public void Access_flags_and_freezing_refuse_user_writes_or_reads()
    {
        using var readOnly = Create<ArrayMap>(MapType.Array, 4, 4, 1, Core.Specs.MapFlags.ReadOnly);
        Assert.Equal(MapError.PermissionDenied, readOnly.Update(U32(0), U32(1)));
        Assert.Equal(MapError.None, readOnly.Lookup(U32(0), new byte[4]));
        using var writeOnly = Create<ArrayMap>(MapType.Array, 4, 4, 1, Core.Specs.MapFlags.WriteOnly);
        Assert.Equal(MapError.PermissionDenied, writeOnly.Lookup(U32(0), new byte[4]));
        using var frozen = Create<ArrayMap>(MapType.Array, 4, 4, 1);
        frozen.Freeze();
        Assert.True(frozen.IsFrozen);
        Assert.Equal(MapError.PermissionDenied, frozen.Update(U32(0), U32(1)));
        Assert.Equal(0L, ProgramUpdate(frozen, U32(0), U32(5)));
        Assert.Equal(5u, LookupU32(frozen, U32(0)));
    }

    [Fact]
    public void Wrong_span_lengths_throw()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 4, 1);
        Assert.Throws<ArgumentException>(() => map.Lookup(new byte[3], new byte[4]));
        Assert.Throws<ArgumentException>(() => map.Update(U32(0), new byte[5]));
    }

    [Fact]
    public void Disposed_maps_refuse_user_calls()
    {
        var map = Create<ArrayMap>(MapType.Array, 4, 4, 1);
        map.Dispose();
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.Lookup(U32(0), new byte[4]));
    }
}
