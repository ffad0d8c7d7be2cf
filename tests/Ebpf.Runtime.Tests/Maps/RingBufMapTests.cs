using System.Diagnostics;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class RingBufMapTests
{
    private const uint Size = 4096;

    [Fact]
    public void Submitted_records_reach_the_consumer_in_order()
    {
        using var ring = Ring();
        using var reader = new RingBufferReader(ring);
        Write(ring, [1, 2, 3]);
        Write(ring, [4]);
        var records = new List<byte[]>();
        Assert.Equal(2, reader.Consume(r => Collect(records, r)));
        Assert.Equal([[1, 2, 3], [4]], records);
        Assert.Equal(0, reader.Consume(r => Collect(records, r)));
    }

    [Fact]
    public unsafe void Records_carry_the_kernel_header()
    {
        using var ring = Ring();
        var sample = ring.Reserve(5, 0);
        Assert.NotEqual(0UL, sample);
        Assert.Equal(0UL, sample % 8);
        var header = (uint*)(sample - 8);
        Assert.Equal(5u | RingBufMap.BusyBit, header[0]);
        Assert.Equal(1u, header[1]); // one metadata page before the data
        Assert.Same(ring, RingBufMap.FromSample(sample));
        RingBufMap.SubmitSample(sample, 0);
        Assert.Equal(5u, header[0]);
        Assert.Equal(16UL, ring.Query(3)); // round_up(5 + 8, 8)
        var second = ring.Reserve(0, 0);
        RingBufMap.DiscardSample(second, 0);
        Assert.Equal(RingBufMap.DiscardBit, *(uint*)(second - 8));
        Assert.True(ring.Contains(sample, 5));
    }

    [Fact]
    public void Discarded_records_are_skipped()
    {
        using var ring = Ring();
        using var reader = new RingBufferReader(ring);
        ring.Discard(ring.Reserve(8, 0), 0);
        Write(ring, [7]);
        var records = new List<byte[]>();
        Assert.Equal(1, reader.Consume(r => Collect(records, r)));
        Assert.Equal([[7]], records);
        Assert.Equal(0UL, reader.AvailableBytes);
    }

    [Fact]
    public void Reserve_fails_on_flags_oversized_records_and_a_full_ring()
    {
        using var ring = Ring();
        Assert.Equal(0UL, ring.Reserve(8, 1));
        Assert.Equal(0UL, ring.Reserve(Size, 0));
        Assert.Equal(0UL, ring.Reserve(Size - 8, 0)); // the ring keeps one byte free: the record would fill it
        var big = ring.Reserve(Size - 16, 0);
        Assert.NotEqual(0UL, big);
        Assert.Equal(0UL, ring.Reserve(0, 0));
        ring.Submit(big, 0);
        Assert.Equal(0UL, ring.Reserve(0, 0));
        using var reader = new RingBufferReader(ring);
        Assert.Equal(1, reader.Consume(_ => 0));
        Assert.NotEqual(0UL, ring.Reserve(0, 0));
    }

    [Fact]
    public unsafe void Output_copies_and_reports_errors_as_errno()
    {
        using var ring = Ring();
        var data = new byte[3000];
        fixed (byte* d = data)
        {
            Assert.Equal(-(long)MapError.InvalidArgument, ring.Output(d, 4, 4));
            Assert.Equal(0L, ring.Output(d, 3000, RingBufMap.NoWakeup));
            Assert.Equal(-(long)MapError.TryAgain, ring.Output(d, 3000, 0));
        }
    }

    [Fact]
    public void Query_reports_positions_and_sizes()
    {
        using var ring = Ring();
        using var reader = new RingBufferReader(ring);
        Write(ring, new byte[10]);
        Write(ring, new byte[1]);
        Assert.Equal(40UL, ring.Query(0)); // round_up(10 + 8, 8) + round_up(1 + 8, 8)
        Assert.Equal((ulong)Size, ring.Query(1));
        Assert.Equal(0UL, ring.Query(2));
        Assert.Equal(40UL, ring.Query(3));
        Assert.Equal(0UL, ring.Query(4));
        reader.Consume(_ => 0);
        Assert.Equal(0UL, ring.Query(0));
        Assert.Equal(40UL, ring.Query(2));
    }

    [Fact]
    public unsafe void A_busy_record_holds_back_the_records_after_it()
    {
        using var ring = Ring();
        using var reader = new RingBufferReader(ring);
        var first = ring.Reserve(1, 0);
        var second = ring.Reserve(1, 0);
        *(byte*)second = 2;
        ring.Submit(second, 0);
        var records = new List<byte[]>();
        Assert.Equal(0, reader.Consume(r => Collect(records, r)));
        *(byte*)first = 1;
        ring.Submit(first, 0);
        Assert.Equal(2, reader.Consume(r => Collect(records, r)));
        Assert.Equal([[1], [2]], records);
    }

    [Fact]
    public void A_negative_callback_result_stops_after_its_record()
    {
        using var ring = Ring();
        using var reader = new RingBufferReader(ring);
        Write(ring, [1]);
        Write(ring, [2]);
        Assert.Equal(-5, reader.Consume(_ => -5));
        var records = new List<byte[]>();
        Assert.Equal(1, reader.Consume(r => Collect(records, r)));
        Assert.Equal([[2]], records);
    }

    [Fact]
    public unsafe void Records_crossing_the_end_arrive_whole_and_the_ring_reads_as_wrapped()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        using var ring = Ring();
        using var reader = new RingBufferReader(ring);
        var wrapped = 0;
        for (var i = 0; i < 500; i++)
        {
            var record = new byte[random.Next(0, 1500)];
            random.NextBytes(record);
            var position = ring.ProducerPosition;
            Write(ring, record);
            var end = (position % Size) + 8 + (ulong)record.Length;
            if (end > Size)
            {
                wrapped++;
                var tail = record.AsSpan(record.Length - (int)(end - Size));
                var start = ring.Regions[0].Start;
                Assert.True(tail.SequenceEqual(new ReadOnlySpan<byte>((void*)start, tail.Length)), $"seed {seed}");
            }

            byte[]? seen = null;
            Assert.Equal(1, reader.Consume(r =>
            {
                seen = r.ToArray();
                return 0;
            }));
            Assert.True(record.AsSpan().SequenceEqual(seen), $"seed {seed}, record {i}");
        }

        Assert.True(wrapped > 10, $"seed {seed}: only {wrapped} records wrapped");
    }

    [Fact]
    public void One_reader_at_a_time()
    {
        using var ring = Ring();
        var reader = new RingBufferReader(ring);
        Assert.Throws<InvalidOperationException>(() => new RingBufferReader(ring));
        reader.Dispose();
        using var again = new RingBufferReader(ring);
    }

    [Fact]
    public void Poll_times_out_with_nothing_and_wakes_on_a_commit()
    {
        using var ring = Ring();
        using var reader = new RingBufferReader(ring);
        Assert.Equal(0, reader.Poll(_ => 0, TimeSpan.FromMilliseconds(20)));
        var clock = Stopwatch.StartNew();
        var producer = new Thread(() =>
        {
            Thread.Sleep(50);
            Write(ring, [42]);
        });
        producer.Start();
        byte got = 0;
        Assert.Equal(1, reader.Poll(r => got = r[0], TimeSpan.FromSeconds(30)));
        Assert.Equal(42, got);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
        producer.Join();
    }

    [Fact]
    public void A_commit_the_consumer_waits_for_signals_the_wait_handle_unless_told_not_to()
    {
        using var ring = Ring();
        using var reader = new RingBufferReader(ring);
        Write(ring, [1], RingBufMap.NoWakeup);
        Assert.False(reader.WaitHandle.WaitOne(0));
        reader.Consume(_ => 0);
        Write(ring, [2]);
        Assert.True(reader.WaitHandle.WaitOne(0));
        Write(ring, [3]);
        Assert.False(reader.WaitHandle.WaitOne(0)); // the consumer is behind: it will find this record anyway
        Write(ring, [4], RingBufMap.ForceWakeup);
        Assert.True(reader.WaitHandle.WaitOne(0));
    }

    [Fact]
    public async Task Poll_async_waits_without_a_thread()
    {
        using var ring = Ring();
        using var reader = new RingBufferReader(ring);
        var poll = reader.PollAsync(_ => 0);
        await Task.Delay(20);
        Assert.False(poll.IsCompleted);
        Write(ring, [1]);
        Assert.Equal(1, await poll.WaitAsync(TimeSpan.FromSeconds(30)));
        using var cancel = new CancellationTokenSource(10);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.WaitAsync(Timeout.InfiniteTimeSpan, cancel.Token));
        Assert.False(await reader.WaitAsync(TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void Key_value_operations_are_not_supported()
    {
        using var ring = Ring();
        Assert.Equal(MapError.NotSupported, ring.Lookup([], []));
        Assert.Equal(MapError.NotSupported, ring.Update([], []));
        Assert.Equal(MapError.NotSupported, ring.Delete([]));
    }

    private static RingBufMap Ring() => Create<RingBufMap>(MapType.Ringbuf, 0, 0, Size);

    private static unsafe void Write(RingBufMap ring, byte[] record, ulong flags = 0)
    {
        var sample = ring.Reserve((ulong)record.Length, 0);
        Assert.NotEqual(0UL, sample);
        record.CopyTo(new Span<byte>((void*)sample, record.Length));
        ring.Submit(sample, flags);
    }

    private static int Collect(List<byte[]> records, ReadOnlySpan<byte> record)
    {
        records.Add(record.ToArray());
        return 0;
    }
}
