using System.Collections.Concurrent;
using System.Text;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Tests.Interpretation;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary>The ring buffer helpers; helpers_maps.c cases 25 to 36.</summary>
public sealed class RingbufHelperTests
{
    private const ulong Einval = unchecked((ulong)-22L);

    /// <summary>A program that outputs the 8 bytes at r1 to the ring with the flags given.</summary>
    private static string Output(BpfMap ring, ulong flags = 0) => $"mov %r2, %r1\n{LoadMap(ring)}\nmov %r3, 8\nmov %r4, {flags}\ncall 130\nexit";

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Records_reach_the_reader_in_order_without_the_discarded_one(EngineKind engine)
    {
        using var loaded = Load("helpers_maps", engine);
        RunOnce(loaded);
        using var reader = new RingBufferReader((RingBufMap)loaded.FindMap("events")!);
        var records = new List<string>();
        Assert.Equal(3, reader.Consume(r => Collect(records, r)));
        Assert.Equal(["first\0", "second\0", "third\0"], records);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Output_reserve_and_query_answer_as_the_kernel(EngineKind engine)
    {
        using var loaded = Load("helpers_maps", engine);
        RunOnce(loaded);
        var results = loaded.FindMap("results")!;
        // output 0; reserve succeeded; three 16-byte records reserved (48 available, producer at 48, consumer at 0);
        // unknown query 0; forced output 0; bad flags -EINVAL; reserve with flags or too big: null; producer at 64.
        Assert.Equal([0, 1, 48, 4096, 0, 48, 0, 0, -22, 0, 0, 64], Enumerable.Range(25, 12).Select(i => S64(results, (uint)i)));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void No_wakeup_leaves_the_reader_asleep_and_force_wakeup_wakes_it(EngineKind engine)
    {
        using var ring = Create<RingBufMap>(MapType.Ringbuf, 0, 0, 4096);
        using var reader = new RingBufferReader(ring);
        Assert.Equal(0UL, Returns(Output(ring, RingBufMap.NoWakeup), maps: [ring], engine: engine));
        Assert.False(reader.WaitHandle.WaitOne(0));
        Assert.Equal(0UL, Returns(Output(ring, RingBufMap.ForceWakeup), maps: [ring], engine: engine));
        Assert.True(reader.WaitHandle.WaitOne(0));
        Assert.Equal(2, reader.Consume(_ => 0));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_record_reserved_by_a_program_is_written_in_place_and_submitted(EngineKind engine)
    {
        using var ring = Create<RingBufMap>(MapType.Ringbuf, 0, 0, 4096);
        using var reader = new RingBufferReader(ring);
        Returns($"{LoadMap(ring)}\nmov %r2, 4\nmov %r3, 0\ncall 131\njeq %r0, 0, +3\nstw [%r0], 0x64636261\nmov %r1, %r0\nmov %r2, 0\ncall 132\nmov %r0, 0\nexit", maps: [ring], engine: engine);
        var records = new List<string>();
        Assert.Equal(1, reader.Consume(r => Collect(records, r)));
        Assert.Equal(["abcd"], records);
    }

    [Fact]
    public async Task Concurrent_outputs_from_several_threads_lose_no_record()
    {
        const int Threads = 4;
        const int PerThread = 2000;
        using var ring = Create<RingBufMap>(MapType.Ringbuf, 0, 0, 16384);
        var program = Engines.Prepare(EngineKind.Interpreter, ProgramRunner.Decode(Output(ring)), LinuxHelpers.Table);
        var received = new ConcurrentQueue<ulong>();
        using var done = new CancellationTokenSource();
        var consumer = Task.Run(() =>
        {
            using var reader = new RingBufferReader(ring);
            while (!done.IsCancellationRequested || reader.AvailableBytes > 0)
            {
                reader.Poll(r => Received(received, r), TimeSpan.FromMilliseconds(10));
            }
        });

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            using var record = new NativeBuffer(8);
            var request = ExecutionRequest.ForMemory(record.AsRegion("record"));
            request = request with { Regions = request.Regions.AddRange(ring.Regions) };
            for (var i = 0; i < PerThread; i++)
            {
                BitConverter.TryWriteBytes(record.Span, ((ulong)thread << 32) | (uint)i);
                ulong result;
                while ((result = program.Run(request).ReturnValue) == unchecked((ulong)-11L))
                {
                    Thread.Yield(); // -EAGAIN: the ring is full until the consumer catches up
                }

                Assert.Equal(0UL, result);
            }
        });
        await done.CancelAsync();
        await consumer;

        Assert.Equal(Threads * PerThread, received.Count);
        foreach (var thread in received.GroupBy(r => r >> 32))
        {
            Assert.Equal(Enumerable.Range(0, PerThread).Select(i => (ulong)i), thread.Select(r => r & uint.MaxValue));
        }
    }

    [Fact]
    public void Output_from_memory_the_program_may_not_read_faults_in_checked_runs()
    {
        using var ring = Create<RingBufMap>(MapType.Ringbuf, 0, 0, 4096);
        var (result, _) = Run($"{LoadMap(ring)}\nmov %r2, %r10\nmov %r3, 64\nmov %r4, 0\ncall 130\nexit", maps: [ring]);
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
    }

    [Theory]
    [InlineData("mov %r1, %r10\nadd %r1, -8")]
    [InlineData("mov %r1, 4096")]
    public void Submitting_what_is_not_a_reserved_record_faults_in_checked_runs(string sample)
    {
        using var ring = Create<RingBufMap>(MapType.Ringbuf, 0, 0, 4096);
        var (result, _) = Run($"{sample}\nmov %r2, 0\ncall 132\nmov %r0, 0\nexit", maps: [ring]);
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
        Assert.Contains("not a record", result.Fault!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(132)]
    [InlineData(133)]
    public void Committing_a_record_twice_faults_in_checked_runs(int second)
    {
        using var ring = Create<RingBufMap>(MapType.Ringbuf, 0, 0, 4096);
        var (result, _) = Run($"{LoadMap(ring)}\nmov %r2, 8\nmov %r3, 0\ncall 131\nmov %r6, %r0\nmov %r1, %r6\nmov %r2, 0\ncall 132\nmov %r1, %r6\nmov %r2, 0\ncall {second}\nexit", maps: [ring]);
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
        Assert.Contains("already submitted or discarded", result.Fault!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ring_helpers_on_an_array_map_return_einval_or_null()
    {
        using var array = Create(MapType.Array, 4, 8, 1);
        Assert.Equal(Einval, Returns(Output(array), maps: [array]));
        Assert.Equal(0UL, Returns($"{LoadMap(array)}\nmov %r2, 8\nmov %r3, 0\ncall 131\nexit", maps: [array]));
        Assert.Equal(Einval, Returns($"{LoadMap(array)}\nmov %r2, 0\ncall 134\nexit", maps: [array]));
    }

    private static int Collect(List<string> records, ReadOnlySpan<byte> record)
    {
        records.Add(Encoding.ASCII.GetString(record));
        return 0;
    }

    private static int Received(ConcurrentQueue<ulong> received, ReadOnlySpan<byte> record)
    {
        received.Enqueue(BitConverter.ToUInt64(record));
        return 0;
    }
}
