using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Concurrently;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

/// <summary>Programs on many threads writing values in place through the addresses lookups return.</summary>
public sealed unsafe class ValueConcurrencyTests
{
    [Fact]
    public void Interlocked_increments_through_an_array_value_address_are_exact()
    {
        using var map = Create(MapType.Array, 4, 8, 4);
        var address = ProgramLookup(map, U32(2));
        Run(_ =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                Interlocked.Increment(ref *(long*)address);
            }
        });
        Assert.Equal((ulong)(Threads * 100_000), ReadU64(Value(map, U32(2))));
    }

    [Fact]
    public void Per_cpu_slots_need_no_atomics()
    {
        using var map = Create(MapType.PercpuArray, 4, 8, 1, cpus: Threads);
        Run(thread =>
        {
            using var cpu = ExecutionCpu.Enter(thread);
            for (var i = 0; i < 100_000; i++)
            {
                (*(ulong*)ProgramLookup(map, U32(0)))++;
            }
        });
        var values = new ulong[Threads];
        Assert.True(map.TryLookupPercpu(0u, values.AsSpan()));
        Assert.All(values, v => Assert.Equal(100_000UL, v));
    }

    internal static byte[] Value(BpfMap map, byte[] key)
    {
        var value = new byte[map.UserValueSize];
        Assert.Equal(MapError.None, map.Lookup(key, value));
        return value;
    }
}
