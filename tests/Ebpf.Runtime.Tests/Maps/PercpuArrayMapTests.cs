using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class PercpuArrayMapTests
{
    [Fact]
    public void Programs_see_the_slot_of_their_cpu()
    {
        using var map = Create<PercpuArrayMap>(MapType.PercpuArray, 4, 4, 2, cpus: 3);
        ulong slot0, slot2;
        using (ExecutionCpu.Enter(0))
        {
            slot0 = ProgramLookup(map, U32(1));
            Assert.Equal(0L, ProgramUpdate(map, U32(1), U32(10)));
        }

        using (ExecutionCpu.Enter(2))
        {
            slot2 = ProgramLookup(map, U32(1));
            Assert.Equal(0L, ProgramUpdate(map, U32(1), U32(12)));
        }

        Assert.NotEqual(slot0, slot2);
        Assert.Equal(10u, ReadU32(slot0));
        Assert.Equal(12u, ReadU32(slot2));
        Assert.Equal(0, ExecutionCpu.Current);
    }

    [Fact]
    public void User_values_hold_every_slot_rounded_up_to_8_bytes()
    {
        using var map = Create<PercpuArrayMap>(MapType.PercpuArray, 4, 4, 2, cpus: 3);
        Assert.Equal(24, map.UserValueSize);
        var value = new byte[24];
        U32(5).CopyTo(value, 0);
        U32(6).CopyTo(value, 8);
        U32(7).CopyTo(value, 16);
        Assert.Equal(MapError.None, map.Update(U32(0), value));
        using (ExecutionCpu.Enter(1))
        {
            Assert.Equal(6u, ReadU32(ProgramLookup(map, U32(0))));
        }

        var read = new byte[24];
        Assert.Equal(MapError.None, map.Lookup(U32(0), read));
        Assert.Equal(value, read);
    }

    [Fact]
    public unsafe void Lookup_of_another_cpus_slot_checks_the_cpu()
    {
        using var map = Create<PercpuArrayMap>(MapType.PercpuArray, 4, 8, 1, cpus: 2);
        map.UpdatePercpu(0u, [11UL, 22UL]);
        var key = U32(0);
        fixed (byte* k = key)
        {
            Assert.Equal(22UL, *(ulong*)map.LookupPercpuElement(k, 1));
            Assert.Equal(0UL, map.LookupPercpuElement(k, 2));
        }

        Span<ulong> values = stackalloc ulong[2];
        Assert.True(map.TryLookupPercpu(0u, values));
        Assert.Equal([11UL, 22UL], values.ToArray());
    }

    [Fact]
    public void Cpu_numbers_past_the_slot_count_wrap()
    {
        using var map = Create<PercpuArrayMap>(MapType.PercpuArray, 4, 4, 1, cpus: 2);
        ulong first;
        using (ExecutionCpu.Enter(1))
        {
            first = ProgramLookup(map, U32(0));
        }

        using (ExecutionCpu.Enter(3))
        {
            Assert.Equal(first, ProgramLookup(map, U32(0)));
        }
    }

    [Fact]
    public void Flags_are_checked_before_the_index()
    {
        using var map = Create<PercpuArrayMap>(MapType.PercpuArray, 4, 4, 1, cpus: 1);
        Assert.Equal(-(long)MapError.InvalidArgument, ProgramUpdate(map, U32(0), U32(1), (ulong)MapUpdateFlags.Lock));
        Assert.Equal(-(long)MapError.TooBig, ProgramUpdate(map, U32(1), U32(1)));
        Assert.Equal(-(long)MapError.Exists, ProgramUpdate(map, U32(0), U32(1), (ulong)MapUpdateFlags.NoExist));
        Assert.Equal(MapError.InvalidArgument, map.Delete(U32(0)));
    }

    [Fact]
    public void Cpu_blocks_are_described_in_the_handle()
    {
        using var map = Create<PercpuArrayMap>(MapType.PercpuArray, 4, 4, 3, cpus: 2);
        unsafe
        {
            var values = *(ulong*)(map.Handle + MapHandleLayout.Values);
            var cpuStride = *(ulong*)(map.Handle + MapHandleLayout.CpuStride);
            using (ExecutionCpu.Enter(1))
            {
                Assert.Equal(values + cpuStride + 16, ProgramLookup(map, U32(2)));
            }

            Assert.Equal(0UL, cpuStride % 64);
        }
    }
}
