using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Interpretation;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Tests.Interpretation;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed unsafe class MapHandleTests
{
    private const string IncrementSecondElement = """
        stw [%r10-4], 1
        mov %r2, %r10
        add %r2, -4
        call 1
        jeq %r0, 0, +3
        mov %r1, 5
        lock add [%r0], %r1
        ldxdw %r0, [%r0]
        exit
        """;

    [Fact]
    public void A_handle_finds_its_map_and_nothing_else_does()
    {
        using var first = Create(MapType.Hash, 4, 4, 1);
        using var second = Create(MapType.Array, 4, 4, 1);
        Assert.Same(first, BpfMap.FromHandle(first.Handle));
        Assert.Same(second, BpfMap.FromHandle(second.Handle));
        Assert.Null(BpfMap.FromHandle(0));
        Assert.Null(BpfMap.FromHandle(first.Handle + 1));
        Assert.Null(BpfMap.FromHandle(12345));
        Assert.Null(BpfMap.FromHandle(ulong.MaxValue));
        Assert.Same(second, BpfMap.FromId(second.Id));
        Assert.True(second.Id > first.Id);
    }

    [Fact]
    public void The_handle_block_describes_the_map()
    {
        using var first = Create(MapType.Hash, 8, 16, 32, Core.Specs.MapFlags.NoPrealloc);
        using var second = Create(MapType.PercpuHash, 4, 4, 1, cpus: 3);
        var handle = first.Handle;
        Assert.Equal(first.Id, ReadU32(handle + MapHandleLayout.Id));
        Assert.Equal((uint)MapType.Hash, ReadU32(handle + MapHandleLayout.Type));
        Assert.Equal(8u, ReadU32(handle + MapHandleLayout.KeySize));
        Assert.Equal(16u, ReadU32(handle + MapHandleLayout.ValueSize));
        Assert.Equal(32u, ReadU32(handle + MapHandleLayout.MaxEntries));
        Assert.Equal(1u, ReadU32(handle + MapHandleLayout.Flags));
        Assert.Equal(3u, ReadU32(second.Handle + MapHandleLayout.CpuCount));
        var table = first.Handle - (ReadU32(first.Handle + MapHandleLayout.Slot) * (ulong)MapHandleLayout.Size);
        Assert.Equal(table, second.Handle - (ReadU32(second.Handle + MapHandleLayout.Slot) * (ulong)MapHandleLayout.Size));
    }

    [Fact]
    public void A_freed_map_leaves_no_handle_behind()
    {
        var map = Create(MapType.Array, 4, 4, 1);
        var (handle, id) = (map.Handle, map.Id);
        map.Dispose();
        Assert.Null(BpfMap.FromHandle(handle));
        Assert.Null(BpfMap.FromId(id));
        Assert.Equal(0u, ReadU32(handle + MapHandleLayout.Id));
    }

    [Fact]
    public void Checked_runs_may_touch_map_values_they_are_given()
    {
        using var map = Create(MapType.Array, 4, 8, 2);
        var helpers = HelperTable.Empty.With(1, "bpf_map_lookup_elem", (context, r1, r2, r3, r4, r5) => BpfMap.FromHandle(r1)?.LookupElement((byte*)r2) ?? 0);
        var program = new Interpreter(ProgramRunner.Decode(IncrementSecondElement), helpers);
        var run = program.Run(new ExecutionRequest([map.Handle], map.Regions));
        Assert.True(run.Succeeded, run.Fault?.ToString());
        Assert.Equal(5UL, run.ReturnValue);
        Assert.Equal(10UL, program.Run(new ExecutionRequest([map.Handle], map.Regions)).ReturnValue);
        Assert.Equal(10u, LookupU32(map, U32(1)));
        var denied = program.Run(new ExecutionRequest([map.Handle], []));
        Assert.Equal(DiagnosticCode.OutOfBoundsAccess, denied.Fault?.Code);
    }

    [Fact]
    public void Checked_runs_may_not_write_read_only_map_values()
    {
        using var map = Create(MapType.Array, 4, 8, 2, Core.Specs.MapFlags.ReadOnlyProgram);
        var helpers = HelperTable.Empty.With(1, "bpf_map_lookup_elem", (context, r1, r2, r3, r4, r5) => BpfMap.FromHandle(r1)?.LookupElement((byte*)r2) ?? 0);
        var run = new Interpreter(ProgramRunner.Decode(IncrementSecondElement), helpers).Run(new ExecutionRequest([map.Handle], map.Regions));
        Assert.Equal(DiagnosticCode.ReadOnlyWrite, run.Fault?.Code);
    }

    [Theory]
    [InlineData(MapType.Array)]
    [InlineData(MapType.PercpuArray)]
    [InlineData(MapType.Hash)]
    [InlineData(MapType.PercpuHash)]
    [InlineData(MapType.LruHash)]
    [InlineData(MapType.LruPercpuHash)]
    public void Every_value_address_lies_in_the_maps_regions(MapType type)
    {
        using var map = Create(type, 4, 12, 8, cpus: 2);
        for (uint i = 0; i < 8; i++)
        {
            map.Update(U32(i), new byte[map.UserValueSize]);
        }

        for (var cpu = 0; cpu < 2; cpu++)
        {
            using (ExecutionCpu.Enter(cpu))
            {
                for (uint i = 0; i < 8; i++)
                {
                    Assert.True(map.Contains(ProgramLookup(map, U32(i)), 12));
                }
            }
        }
    }
}
