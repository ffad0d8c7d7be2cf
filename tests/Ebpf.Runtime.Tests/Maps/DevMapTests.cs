using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class DevMapTests
{
    [Theory]
    [InlineData(4u, 4u, 4u, MapFlags.None, true)]
    [InlineData(4u, 8u, 4u, MapFlags.None, true)]
    [InlineData(4u, 6u, 4u, MapFlags.None, false)]
    [InlineData(8u, 4u, 4u, MapFlags.None, false)]
    [InlineData(4u, 4u, 0u, MapFlags.None, false)]
    [InlineData(4u, 4u, 4u, MapFlags.ReadOnly, true)]
    [InlineData(4u, 4u, 4u, MapFlags.ReadOnlyProgram, false)]
    [InlineData(4u, 4u, 4u, MapFlags.NoPrealloc, false)]
    public void Creation_takes_a_u32_key_and_an_ifindex_with_or_without_a_program(uint keySize, uint valueSize, uint entries, MapFlags flags, bool created)
    {
        if (created)
        {
            using var map = Create(MapType.Devmap, keySize, valueSize, entries, flags);
            Assert.IsType<DevMap>(map);
        }
        else
        {
            var refused = Assert.Throws<DiagnosticException>(() => Create(MapType.Devmap, keySize, valueSize, entries, flags));
            Assert.Equal(DiagnosticCode.InvalidMapDefinition, Assert.Single(refused.Diagnostics).Code);
        }
    }

    [Fact]
    public void Slots_start_empty_and_ifindex_0_empties_one()
    {
        using var map = Create<DevMap>(MapType.Devmap, 4, 4, 4);
        Assert.Null(LookupU32(map, U32(1)));
        Assert.Equal(MapError.None, map.Update(U32(1), U32(5)));
        Assert.Equal(5u, LookupU32(map, U32(1)));
        Assert.Equal(MapError.None, map.Update(U32(1), U32(0)));
        Assert.Null(LookupU32(map, U32(1)));
        Assert.Equal(0UL, ProgramLookup(map, U32(1)));
    }

    [Fact]
    public void Updates_and_deletes_answer_as_linux()
    {
        using var map = Create<DevMap>(MapType.Devmap, 4, 4, 4);
        Assert.Equal(MapError.TooBig, map.Update(U32(4), U32(1)));
        Assert.Equal(MapError.Exists, map.Update(U32(0), U32(1), MapUpdateFlags.NoExist));
        Assert.Equal(MapError.None, map.Update(U32(0), U32(1), MapUpdateFlags.Exist));
        Assert.Equal(MapError.None, map.Delete(U32(2)));
        Assert.Equal(MapError.InvalidArgument, map.Delete(U32(4)));
        Assert.Equal([0u, 1u, 2u, 3u], KeysU32(map));
        Assert.Equal(-(long)MapError.NotSupported, ProgramUpdate(map, U32(0), U32(1)));
    }

    [Fact]
    public void A_program_in_an_entry_is_refused_and_lookups_report_none()
    {
        using var map = Create<DevMap>(MapType.Devmap, 4, 8, 2);
        Assert.Equal(MapError.InvalidArgument, map.Update(U32(0), [.. U32(1), .. U32(3)]));
        Assert.Equal(MapError.None, map.Update(U32(0), [.. U32(1), .. BitConverter.GetBytes(-1)]));
        var value = new byte[8];
        Assert.Equal(MapError.None, map.Lookup(U32(0), value));
        Assert.Equal([.. U32(1), .. U32(0)], value);
    }

    [Fact]
    public void Programs_see_the_values_read_only()
    {
        using var map = Create<DevMap>(MapType.Devmap, 4, 4, 2);
        map.Update(U32(1), U32(9));
        Assert.True(map.Flags.HasFlag(MapFlags.ReadOnlyProgram));
        var address = ProgramLookup(map, U32(1));
        Assert.Equal(9u, ReadU32(address));
        Assert.False(Assert.Single(map.Regions).Writable);
    }

    [KernelFact]
    public void Updates_lookups_and_deletes_answer_as_the_kernel()
    {
        // ifindex 1 is the loopback device in the kernel; ours accepts any ifindex.
        using var kernel = KernelMap.Create("type", "devmap", "key", "4", "value", "4", "entries", "3");
        using var ours = Create(MapType.Devmap, 4, 4, 3);
        (byte[] Key, byte[] Value, MapUpdateFlags Flags)[] updates =
        [
            (U32(1), U32(1), MapUpdateFlags.Any), (U32(3), U32(1), MapUpdateFlags.Any), (U32(0), U32(1), MapUpdateFlags.NoExist),
            (U32(2), U32(1), MapUpdateFlags.Exist), (U32(2), U32(0), MapUpdateFlags.Any),
        ];
        foreach (var (key, value, flags) in updates)
        {
            Assert.Equal(kernel.Update(key, value, flags), ours.Update(key, value, flags));
        }

        foreach (var key in new uint[] { 0, 1, 2, 5 })
        {
            var value = new byte[4];
            var error = ours.Lookup(U32(key), value);
            var (kernelError, kernelValue) = kernel.Lookup(U32(key));
            Assert.Equal(kernelError, error);
            Assert.Equal(kernelValue ?? [], error == MapError.None ? value : []);
        }

        Assert.Equal(kernel.Delete(U32(0)), ours.Delete(U32(0)));
        Assert.Equal(kernel.Delete(U32(7)), ours.Delete(U32(7)));
        Assert.Equal(kernel.Keys().Select(k => ReadU32(k)), KeysU32(ours));
    }
}
