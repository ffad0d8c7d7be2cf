using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class ProgArrayMapTests
{
    [Fact]
    public void Slots_hold_program_objects_for_tail_calls()
    {
        using var map = Create<ProgArrayMap>(MapType.ProgArray, 4, 4, 4);
        var program = new object();
        Assert.False(map.TryGetProgram(1, out _));
        Assert.Equal(MapError.None, map.Update(1, program));
        Assert.True(map.TryGetProgram(1, out var found));
        Assert.Same(program, found);
        Assert.False(map.TryGetProgram(4, out _));
        Assert.False(map.TryGetProgram(uint.MaxValue, out _));
    }

    [Fact]
    public void Updates_and_deletes_answer_as_Linux()
    {
        using var map = Create<ProgArrayMap>(MapType.ProgArray, 4, 4, 2);
        Assert.Equal(MapError.InvalidArgument, map.Update(0, "p", MapUpdateFlags.NoExist));
        Assert.Equal(MapError.TooBig, map.Update(2, "p"));
        Assert.Equal(MapError.NotFound, map.Delete(0));
        Assert.Equal(MapError.TooBig, map.Delete(2));
        map.Update(0, "p");
        Assert.Equal(MapError.None, map.Delete(U32(0)));
        Assert.Equal(MapError.NotFound, map.Lookup(U32(0), new byte[4]));
        map.Update(1, "q");
        Assert.Equal(MapError.NotSupported, map.Lookup(U32(1), new byte[4]));
        Assert.Equal(MapError.NotSupported, map.Update(U32(1), U32(3)));
        Assert.Equal([0u, 1u], KeysU32(map));
    }

    [Fact]
    public void Programs_cannot_reach_slots_through_map_helpers()
    {
        using var map = Create<ProgArrayMap>(MapType.ProgArray, 4, 4, 2);
        map.Update(0, "p");
        Assert.Equal(0UL, ProgramLookup(map, U32(0)));
        Assert.Equal(-(long)MapError.NotSupported, ProgramUpdate(map, U32(0), U32(0)));
        Assert.Equal(-(long)MapError.NotSupported, ProgramDelete(map, U32(0)));
    }
}
