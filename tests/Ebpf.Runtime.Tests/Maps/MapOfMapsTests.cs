using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class MapOfMapsTests
{
    private static readonly MapSpec InnerArray = Spec(MapType.Array, 4, 4, 2);

    [Fact]
    public void A_program_lookup_returns_the_inner_map_handle()
    {
        using var outer = Create<ArrayOfMaps>(MapType.ArrayOfMaps, 4, 4, 2, inner: InnerArray);
        using var inner = BpfMap.Create(InnerArray, TwoCpus);
        inner.Update(U32(1), U32(77));
        Assert.Equal(MapError.None, outer.Update(0, inner));
        var handle = ProgramLookup(outer, U32(0));
        Assert.Equal(inner.Handle, handle);
        var found = BpfMap.FromHandle(handle)!;
        Assert.Equal(77u, ReadU32(ProgramLookup(found, U32(1))));
        Assert.Equal(0UL, ProgramLookup(outer, U32(1)));
        Assert.Equal(0UL, ProgramLookup(outer, U32(2)));
    }

    [Fact]
    public void Inner_maps_must_match_the_definition_as_Linux_checks()
    {
        using var outer = Create<ArrayOfMaps>(MapType.ArrayOfMaps, 4, 4, 2, inner: InnerArray);
        using var bigger = Create(MapType.Array, 4, 4, 3);
        using var hash = Create(MapType.Hash, 4, 4, 2);
        using var wider = Create(MapType.Array, 4, 8, 2);
        Assert.Equal(MapError.InvalidArgument, outer.Update(0, bigger));
        Assert.Equal(MapError.InvalidArgument, outer.Update(0, hash));
        Assert.Equal(MapError.InvalidArgument, outer.Update(0, wider));

        var flexible = Spec(MapType.Array, 4, 4, 2, MapFlags.InnerMap);
        using var anySize = Create<ArrayOfMaps>(MapType.ArrayOfMaps, 4, 4, 2, inner: flexible);
        using var large = BpfMap.Create(flexible with { MaxEntries = 9 }, TwoCpus);
        Assert.Equal(MapError.None, anySize.Update(0, large));

        using var hashes = Create<HashOfMaps>(MapType.HashOfMaps, 4, 4, 2, inner: Spec(MapType.Hash, 4, 4, 5));
        using var moreEntries = Create(MapType.Hash, 4, 4, 9);
        Assert.Equal(MapError.None, hashes.Update(U32(1), moreEntries));
    }

    [Fact]
    public void Array_of_maps_updates_take_any_only_and_check_the_index()
    {
        using var outer = Create<ArrayOfMaps>(MapType.ArrayOfMaps, 4, 4, 2, inner: InnerArray);
        using var inner = BpfMap.Create(InnerArray, TwoCpus);
        Assert.Equal(MapError.InvalidArgument, outer.Update(0, inner, MapUpdateFlags.NoExist));
        Assert.Equal(MapError.InvalidArgument, outer.Update(0, inner, MapUpdateFlags.Exist));
        Assert.Equal(MapError.TooBig, outer.Update(2, inner));
        Assert.Equal(MapError.NotFound, outer.Delete(U32(1)));
        Assert.Equal(MapError.TooBig, outer.Delete(U32(2)));
    }

    [Fact]
    public void Span_values_are_inner_map_ids()
    {
        using var outer = Create<HashOfMaps>(MapType.HashOfMaps, 4, 4, 2, inner: InnerArray);
        using var inner = BpfMap.Create(InnerArray, TwoCpus);
        Assert.Equal(MapError.BadDescriptor, outer.Update(U32(5), U32(uint.MaxValue)));
        Assert.Equal(MapError.None, outer.Update(U32(5), U32(inner.Id)));
        Assert.Equal(inner.Id, LookupU32(outer, U32(5)));
        Assert.Equal(MapError.Exists, outer.Update(U32(5), U32(inner.Id), MapUpdateFlags.NoExist));
        Assert.True(outer.TryGetInnerMap(U32(5), out var found));
        Assert.Same(inner, found);
        Assert.Equal(inner.Handle, ProgramLookup(outer, U32(5)));
        Assert.Equal([5u], KeysU32(outer));
        Assert.Equal(MapError.None, outer.Delete(U32(5)));
        Assert.Equal(0UL, ProgramLookup(outer, U32(5)));
    }

    [Fact]
    public void The_outer_map_keeps_disposed_inner_maps_alive_until_they_leave()
    {
        using var outer = Create<ArrayOfMaps>(MapType.ArrayOfMaps, 4, 4, 2, inner: InnerArray);
        var inner = BpfMap.Create(InnerArray, TwoCpus);
        var handle = inner.Handle;
        outer.Update(0, inner);
        inner.Dispose();
        Assert.Throws<ObjectDisposedException>(() => inner.Lookup(U32(0), new byte[4]));
        Assert.Same(inner, BpfMap.FromHandle(handle));
        Assert.NotEqual(0UL, ProgramLookup(BpfMap.FromHandle(ProgramLookup(outer, U32(0)))!, U32(1)));
        Assert.Equal(MapError.None, outer.Delete(U32(0)));
        Assert.Null(BpfMap.FromHandle(handle));
        Assert.Equal(MapError.BadDescriptor, outer.Update(0, inner));
    }

    [Fact]
    public void Disposing_the_outer_map_releases_its_inner_maps()
    {
        var outer = Create<HashOfMaps>(MapType.HashOfMaps, 4, 4, 2, inner: InnerArray);
        var inner = BpfMap.Create(InnerArray, TwoCpus);
        outer.Update(U32(1), inner);
        inner.Dispose();
        var handle = inner.Handle;
        Assert.NotNull(BpfMap.FromHandle(handle));
        outer.Dispose();
        Assert.Null(BpfMap.FromHandle(handle));
    }

    [Fact]
    public void Replacing_an_inner_map_releases_the_old_one()
    {
        using var outer = Create<HashOfMaps>(MapType.HashOfMaps, 4, 4, 2, inner: InnerArray);
        var first = BpfMap.Create(InnerArray, TwoCpus);
        using var second = BpfMap.Create(InnerArray, TwoCpus);
        var handle = first.Handle;
        outer.Update(U32(1), first);
        first.Dispose();
        Assert.Equal(MapError.None, outer.Update(U32(1), second));
        Assert.Null(BpfMap.FromHandle(handle));
        Assert.Equal(second.Handle, ProgramLookup(outer, U32(1)));
    }
}
