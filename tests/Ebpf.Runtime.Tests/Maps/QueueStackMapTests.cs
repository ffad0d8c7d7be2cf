using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class QueueStackMapTests
{
    [Fact]
    public void A_queue_pops_in_push_order()
    {
        using var map = Create<QueueMap>(MapType.Queue, 0, 4, 3);
        for (uint i = 1; i <= 3; i++)
        {
            Assert.Equal(MapError.None, map.Push(U32(i)));
        }

        Assert.Equal([1u, 2u, 3u], Drain(map));
    }

    [Fact]
    public void A_stack_pops_newest_first()
    {
        using var map = Create<StackMap>(MapType.Stack, 0, 4, 3);
        for (uint i = 1; i <= 3; i++)
        {
            Assert.Equal(MapError.None, map.Push(U32(i)));
        }

        Assert.Equal([3u, 2u, 1u], Drain(map));
    }

    [Theory]
    [InlineData(MapType.Queue, new uint[] { 2, 3, 4 })]
    [InlineData(MapType.Stack, new uint[] { 4, 3, 2 })]
    public void Pushing_with_exist_onto_a_full_map_drops_the_oldest(MapType type, uint[] expected)
    {
        using var map = Create(type, 0, 4, 3);
        for (uint i = 1; i <= 3; i++)
        {
            map.Push(U32(i));
        }

        Assert.Equal(MapError.TooBig, map.Push(U32(4)));
        Assert.Equal(MapError.None, map.Push(U32(4), MapUpdateFlags.Exist));
        Assert.Equal(expected, Drain(map));
    }

    [Fact]
    public void Peek_leaves_the_element_and_empty_maps_have_nothing()
    {
        using var map = Create<QueueMap>(MapType.Queue, 0, 4, 2);
        var value = new byte[4];
        Assert.Equal(MapError.NotFound, map.Peek(value));
        Assert.Equal(MapError.NotFound, map.Pop(value));
        map.Push(U32(9));
        Assert.Equal(MapError.None, map.Peek(value));
        Assert.Equal(MapError.None, map.Lookup([], value));
        Assert.Equal(MapError.None, map.Pop(value));
        Assert.Equal(9u, ReadU32(value));
        Assert.Equal(MapError.NotFound, map.Pop(value));
    }

    [Fact]
    public void Flags_and_keyed_operations_are_invalid()
    {
        using var map = Create<QueueMap>(MapType.Queue, 0, 4, 2);
        Assert.Equal(MapError.InvalidArgument, map.Push(U32(1), MapUpdateFlags.NoExist));
        Assert.Equal(MapError.InvalidArgument, map.Push(U32(1), (MapUpdateFlags)8));
        Assert.Equal(MapError.InvalidArgument, map.Delete([]));
        Assert.Equal(MapError.InvalidArgument, map.GetNextKey([], []));
        Assert.Equal(MapError.NotSupported, map.LookupBatch(new MapBatchCursor(), [], new byte[4], out _));
    }

    [Fact]
    public unsafe void Programs_push_pop_and_peek_through_pointers()
    {
        using var map = Create<StackMap>(MapType.Stack, 0, 8, 2);
        ulong value = 0x55;
        Assert.Equal(0L, map.PushElement((byte*)&value, 0));
        value = 0x66;
        Assert.Equal(0L, map.PushElement((byte*)&value, 0));
        Assert.Equal(-(long)MapError.TooBig, map.PushElement((byte*)&value, 0));
        Assert.Equal(-(long)MapError.InvalidArgument, map.PushElement((byte*)&value, 1));
        ulong read = 0;
        Assert.Equal(0L, map.PeekElement((byte*)&read));
        Assert.Equal(0x66UL, read);
        Assert.Equal(0L, map.PopElement((byte*)&read));
        Assert.Equal(0L, map.PopElement((byte*)&read));
        Assert.Equal(0x55UL, read);
        Assert.Equal(-(long)MapError.NotFound, map.PopElement((byte*)&read));
        Assert.Equal(0UL, map.LookupElement(null));
        Assert.Equal(-(long)MapError.InvalidArgument, map.UpdateElement(null, (byte*)&read, 0));
    }

    [Fact]
    public void The_ring_wraps_many_times()
    {
        using var map = Create<QueueMap>(MapType.Queue, 0, 4, 3);
        var value = new byte[4];
        for (uint i = 0; i < 100; i++)
        {
            map.Push(U32(i));
            map.Push(U32(i + 1000));
            map.Pop(value);
            Assert.Equal(i, ReadU32(value));
            map.Pop(value);
            Assert.Equal(i + 1000, ReadU32(value));
        }
    }

    private static List<uint> Drain(BpfMap map)
    {
        var values = new List<uint>();
        var value = new byte[4];
        while (map.Pop(value) == MapError.None)
        {
            values.Add(ReadU32(value));
        }

        return values;
    }
}
