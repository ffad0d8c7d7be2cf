using System.Collections.Concurrent;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Concurrently;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

/// <summary>Readers and writers of maps that take a per-map lock.</summary>
public sealed unsafe class TrieAndQueueConcurrencyTests
{
    [Fact]
    public void Trie_readers_always_see_a_covering_prefix_while_writers_churn()
    {
        using var map = BpfMap.Create(Spec(MapType.LpmTrie, 8, 4, 512, MapFlags.NoPrealloc), TwoCpus);
        map.Update(Prefix(8, 10, 0, 0, 0), U32(8));
        var stop = 0;
        var wrong = 0;
        var writer = new Thread(() =>
        {
            var random = new Random(1);
            while (Volatile.Read(ref stop) == 0)
            {
                var length = (uint)random.Next(9, 33);
                var key = Prefix(length, 10, (byte)random.Next(4), (byte)random.Next(256), (byte)random.Next(256));
                if (random.Next(2) == 0)
                {
                    map.Update(key, U32(length));
                }
                else
                {
                    map.Delete(key);
                }
            }
        });
        writer.Start();
        Run(thread =>
        {
            var random = new Random(thread);
            for (var i = 0; i < 100_000; i++)
            {
                var address = ProgramLookup(map, Prefix(32, 10, (byte)random.Next(4), (byte)random.Next(256), (byte)random.Next(256)));
                if (address == 0 || *(uint*)address < 8 || *(uint*)address > 32)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        Volatile.Write(ref stop, 1);
        writer.Join();
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Queue_producers_and_consumers_hand_over_every_value_once()
    {
        using var map = Create(MapType.Queue, 0, 8, 64);
        var popped = new ConcurrentBag<ulong>();
        var done = 0;
        Run(thread =>
        {
            ulong value;
            if (thread % 2 == 0)
            {
                for (ulong i = 0; i < 20_000; i++)
                {
                    value = ((ulong)thread << 32) | i;
                    while (map.PushElement((byte*)&value, 0) != 0)
                    {
                        Thread.Yield();
                    }
                }

                Interlocked.Increment(ref done);
            }
            else
            {
                while (Volatile.Read(ref done) < Threads / 2 || map.PeekElement((byte*)&value) == 0)
                {
                    if (map.PopElement((byte*)&value) == 0)
                    {
                        popped.Add(value);
                    }
                    else
                    {
                        Thread.Yield(); // empty: let producers run
                    }
                }
            }
        });
        Assert.Equal(Threads / 2 * 20_000, popped.Count);
        Assert.Equal(popped.Count, popped.Distinct().Count());
    }
}
