using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class GlobalDataTests
{
    [Fact]
    public void A_data_section_is_a_one_element_array_holding_its_initial_value()
    {
        using var map = Assert.IsType<ArrayMap>(BpfMap.Create(Section(".data", [1, 2, 3, 4, 5, 6, 7, 8]), TwoCpus));
        var value = new byte[8];
        Assert.Equal(MapError.None, map.Lookup(U32(0), value));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], value);
        Assert.Equal(0x04030201u, ReadU32(ProgramLookup(map, U32(0))));
    }

    [Fact]
    public void The_values_are_mapped_memory_shared_with_programs()
    {
        using var map = Assert.IsType<ArrayMap>(BpfMap.Create(Section(".bss", []), TwoCpus));
        var mapped = Assert.IsType<Runtime.Memory.MemoryRegion>(map.MappedMemory);
        Assert.Equal(ProgramLookup(map, U32(0)), mapped.Start);
        Assert.Equal((ulong)Environment.SystemPageSize, mapped.Length);
        Assert.Equal(0UL, mapped.Start % (ulong)Environment.SystemPageSize);
        map.GetMappedSpan()[0] = 9;
        Assert.Equal(9u, LookupU32(map, U32(0)) & 0xff);
        Assert.Equal(0L, ProgramUpdate(map, U32(0), U64(0x77)));
        Assert.Equal(0x77, map.GetMappedSpan()[0]);
    }

    [Fact]
    public void Read_only_data_is_read_only_for_programs_and_frozen_maps_for_user_space()
    {
        using var map = Assert.IsType<ArrayMap>(BpfMap.Create(Section(".rodata", [5, 0, 0, 0, 0, 0, 0, 0], MapFlags.ReadOnlyProgram), TwoCpus));
        Assert.False(map.Regions[0].Writable);
        Assert.True(map.MappedMemory!.Value.Writable);
        map.Freeze();
        Assert.False(map.MappedMemory!.Value.Writable);
        Assert.Equal(MapError.PermissionDenied, map.Update(U32(0), new byte[8]));
    }

    [Fact]
    public void Arrays_that_are_not_mmapable_have_no_mapped_memory()
    {
        using var map = Create<ArrayMap>(MapType.Array, 4, 4, 1);
        Assert.Null(map.MappedMemory);
        Assert.Throws<InvalidOperationException>(() => map.GetMappedSpan());
    }

    [Fact]
    public void An_initial_value_longer_than_the_value_is_refused()
    {
        var spec = Section(".data", [1, 2, 3, 4, 5, 6, 7, 8]) with { ValueSize = 4 };
        Assert.Equal(DiagnosticCode.InvalidMapDefinition, Assert.Throws<DiagnosticException>(() => BpfMap.Create(spec)).Diagnostics[0].Code);
    }

    private static MapSpec Section(string name, byte[] contents, MapFlags flags = MapFlags.None) =>
        new(name, MapType.Array, 4, 8, 1, MapFlags.Mmapable | flags)
        {
            Origin = MapOrigin.GlobalData,
            SectionName = name,
            InitialValue = [.. contents],
        };
}
