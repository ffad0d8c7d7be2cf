using System.Collections.Concurrent;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Concurrently;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

/// <summary>Many threads writing, deleting and reading hash and LRU maps at once.</summary>
public sealed unsafe class HashMapConcurrencyTests
{
    [Theory]
    [InlineData(MapType.Hash)]
    [InlineData(MapType.LruHash)]
    [InlineData(MapType.PercpuHash)]
    public void Hash_maps_keep_every_key_consistent_under_concurrent_writers(MapType type)
    {
        const int perThread = 64;
        using var map = Create(type, 8, 8, Threads * perThread * 2);
        var errors = new ConcurrentQueue<string>();
        Run(thread =>
        {
            using var cpu = ExecutionCpu.Enter(thread);
            var random = new Random(thread);
            var value = new byte[map.UserValueSize];
            for (var round = 0; round < 3000; round++)
            {
                // Own keys: only this thread writes them, so it always reads back what it wrote.
                var own = (ulong)((thread * perThread) + random.Next(perThread));
                var expected = (own << 20) | (uint)round;
                if (ProgramUpdate(map, U64(own), U64(expected)) != 0)
                {
                    errors.Enqueue($"update {own} failed");
                }

                var address = ProgramLookup(map, U64(own));
                if (address == 0 || *(ulong*)address != expected)
                {
                    errors.Enqueue($"key {own}: expected {expected:x}, read {(address == 0 ? "nothing" : (*(ulong*)address).ToString("x"))}");
                }

                // Shared keys: everyone creates, deletes and reads them; values always name their key.
                var shared = (ulong)(1_000_000 + random.Next(Threads * perThread / 2));
                switch (random.Next(3))
                {
                    case 0:
                        ProgramUpdate(map, U64(shared), U64(shared * 3));
                        break;
                    case 1:
                        ProgramDelete(map, U64(shared));
                        break;
                    default:
                        // Per-CPU elements hold the value in the slots of the CPUs that wrote it, 0 elsewhere.
                        if (map.Lookup(U64(shared), value) == MapError.None && !Slots(map, value).All(v => v == shared * 3 || (map.CpuCount > 1 && v == 0)))
                        {
                            errors.Enqueue($"shared key {shared} holds {string.Join(", ", Slots(map, value))}");
                        }

                        break;
                }
            }
        });
        Assert.Empty(errors);
        AssertNoElementLeaked(map);
    }

    [Fact]
    public void An_lru_map_smaller_than_the_working_set_evicts_without_losing_or_corrupting_elements()
    {
        const uint capacity = 128;
        using var map = Create(MapType.LruHash, 8, 8, capacity);
        var failures = 0;
        Run(thread =>
        {
            var random = new Random(thread);
            for (var i = 0; i < 20_000; i++)
            {
                var key = (ulong)random.Next(2000);
                if (ProgramUpdate(map, U64(key), U64(key * 7)) != 0)
                {
                    Interlocked.Increment(ref failures);
                }

                var address = ProgramLookup(map, U64((ulong)random.Next(2000)));
                if (address != 0 && *(ulong*)address % 7 != 0)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
        var keys = map.EnumerateKeys().Select(k => ReadU64(k)).ToList();
        Assert.Equal((int)capacity, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, key => Assert.Equal(key * 7, ReadU64(ValueConcurrencyTests.Value(map, U64(key)))));
        AssertNoElementLeaked(map);
    }

    private static IEnumerable<ulong> Slots(BpfMap map, byte[] value) =>
        Enumerable.Range(0, map.CpuCount).Select(cpu => ReadU64(value.AsSpan(cpu * (value.Length / map.CpuCount))));

    /// <summary>Deletes every key, then fills the map to capacity: an element lost to a race would make it full early.</summary>
    private static void AssertNoElementLeaked(BpfMap map)
    {
        foreach (var key in map.EnumerateKeys().ToList())
        {
            Assert.Equal(MapError.None, map.Delete(key));
        }

        Assert.Empty(map.EnumerateKeys());
        var value = new byte[map.UserValueSize];
        for (ulong key = 0; key < map.MaxEntries; key++)
        {
            Assert.Equal(MapError.None, map.Update(U64(key), value, MapUpdateFlags.NoExist));
        }

        Assert.Equal((int)map.MaxEntries, map.EnumerateKeys().Count());
    }
}
