using System.Collections.Concurrent;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Concurrently;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

/// <summary>Concurrent ring buffer producers with one consumer.</summary>
public sealed unsafe class RingBufConcurrencyTests
{
    [Fact]
    public void Concurrent_ring_buffer_producers_lose_and_tear_no_records()
    {
        const int producers = 4;
        const int perProducer = 20_000;
        using var ring = Create<RingBufMap>(MapType.Ringbuf, 0, 0, 1 << 16);
        using var reader = new RingBufferReader(ring);
        var next = new int[producers];
        var errors = new ConcurrentQueue<string>();
        var received = 0;
        var consumer = new Thread(() =>
        {
            while (Volatile.Read(ref received) < producers * perProducer && errors.IsEmpty)
            {
                reader.Poll(record => Check(record, next, errors, ref received), TimeSpan.FromMilliseconds(100));
            }
        });
        consumer.Start();
        Run(
            producer =>
            {
                var random = new Random(producer);
                var payload = stackalloc byte[256];
                for (var sequence = 0; sequence < perProducer;)
                {
                    var length = 8 + random.Next(0, 200);
                    Fill(new Span<byte>(payload, length), producer, sequence);
                    bool written;
                    if (sequence % 2 == 0)
                    {
                        written = ring.Output(payload, (ulong)length, 0) == 0;
                    }
                    else
                    {
                        var sample = ring.Reserve((ulong)length, 0);
                        written = sample != 0;
                        if (written)
                        {
                            new Span<byte>(payload, length).CopyTo(new Span<byte>((void*)sample, length));
                            ring.Submit(sample, 0);
                        }
                    }

                    if (written)
                    {
                        sequence++;
                    }
                    else
                    {
                        Thread.Yield(); // full: wait for the consumer
                    }
                }
            },
            producers);
        Assert.True(consumer.Join(TimeSpan.FromSeconds(60)), "the consumer did not finish");
        Assert.Empty(errors);
        Assert.All(next, n => Assert.Equal(perProducer, n));
    }

    private static void Fill(Span<byte> payload, int producer, int sequence)
    {
        BitConverter.TryWriteBytes(payload, producer);
        BitConverter.TryWriteBytes(payload[4..], sequence);
        for (var i = 8; i < payload.Length; i++)
        {
            payload[i] = (byte)(producer + sequence + i);
        }
    }

    private static int Check(ReadOnlySpan<byte> record, int[] next, ConcurrentQueue<string> errors, ref int received)
    {
        var producer = BitConverter.ToInt32(record);
        var sequence = BitConverter.ToInt32(record[4..]);
        if (sequence != next[producer])
        {
            errors.Enqueue($"producer {producer}: expected record {next[producer]}, got {sequence}");
        }

        for (var i = 8; i < record.Length; i++)
        {
            if (record[i] != (byte)(producer + sequence + i))
            {
                errors.Enqueue($"producer {producer} record {sequence} is torn at byte {i}");
                break;
            }
        }

        next[producer] = sequence + 1;
        Interlocked.Increment(ref received);
        return 0;
    }
}
