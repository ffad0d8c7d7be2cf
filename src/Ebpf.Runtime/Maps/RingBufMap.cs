using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_RINGBUF</c>: a multi-producer, single-consumer ring of variable-length records
/// (<c>kernel/bpf/ringbuf.c</c>). Programs reserve, fill and submit (or discard) records, or output a copy;
/// .NET consumes them in order with a <see cref="RingBufferReader"/>.
/// </summary>
/// <remarks>
/// <para>Records start with the kernel's 8-byte header, <c>struct bpf_ringbuf_hdr { u32 len; u32 pg_off; }</c>,
/// and are 8-byte aligned: <c>len</c> is the payload length with <see cref="BusyBit"/> set while the
/// record is reserved and <see cref="DiscardBit"/> set once discarded; <c>pg_off</c> is the header's page
/// offset from the start of the ring's memory, so a record finds its ring from its own address.</para>
/// <para>Memory: one metadata page (the map handle at 0, the consumer position at 64, the producer position
/// at 128), then the data area twice over. The kernel maps the data pages twice so that a record crossing
/// the end is contiguous; here a record that crosses the end runs on into the second copy, and is copied
/// back to the start when committed, so the area reads as a ring and every record as one span.</para>
/// <para>Reservations take a per-map spin lock, as the kernel's; commits are lock-free.</para>
/// </remarks>
public sealed unsafe partial class RingBufMap : BpfMap
{
    /// <summary><c>BPF_RINGBUF_BUSY_BIT</c>.</summary>
    public const uint BusyBit = 1u << 31;

    /// <summary><c>BPF_RINGBUF_DISCARD_BIT</c>.</summary>
    public const uint DiscardBit = 1u << 30;

    /// <summary><c>BPF_RINGBUF_HDR_SZ</c>.</summary>
    public const int HeaderSize = 8;

    /// <summary><c>BPF_RB_NO_WAKEUP</c>: do not wake the consumer.</summary>
    public const ulong NoWakeup = 1;

    /// <summary><c>BPF_RB_FORCE_WAKEUP</c>: wake the consumer even if it is not waiting for this record.</summary>
    public const ulong ForceWakeup = 2;

    private const ulong MaxRecordSize = uint.MaxValue / 4;
    private const int ConsumerOffset = 64;
    private const int ProducerOffset = 128;

    private readonly NativeBlock _memory;
    private readonly byte* _meta;
    private readonly byte* _data;
    private readonly ulong _mask;
    private readonly int _pageShift;
    private readonly AutoResetEvent _dataReady = new(false);
    private int _gate;
    private int _readerAttached;

    internal RingBufMap(MapSpec spec, MapOptions options)
        : base(spec, options)
    {
        var page = (ulong)Environment.SystemPageSize;
        _pageShift = BitOperations.Log2(page);
        _mask = spec.MaxEntries - 1UL;
        var length = page + (2UL * spec.MaxEntries);
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, length, options));
        _memory = new NativeBlock(length, (int)page);
        _meta = _memory.Pointer;
        _data = _meta + page;
        Regions = [ValueRegion((ulong)_data, 2UL * spec.MaxEntries, "records")];
        Track(this);
    }

    /// <inheritdoc />
    public override ImmutableArray<MemoryRegion> Regions { get; }

    /// <summary>Bytes of the data area (<c>max_entries</c>).</summary>
    public ulong Size => _mask + 1;

    /// <summary>The consumer position: bytes consumed since creation.</summary>
    public ulong ConsumerPosition => Volatile.Read(ref *(ulong*)(_meta + ConsumerOffset));

    /// <summary>The producer position: bytes reserved since creation.</summary>
    public ulong ProducerPosition => Volatile.Read(ref *(ulong*)(_meta + ProducerOffset));

    /// <summary>Signalled when a commit should wake the consumer.</summary>
    internal AutoResetEvent DataReady => _dataReady;

    internal byte* Data => _data;

    internal ulong Mask => _mask;

    /// <summary>The ring a record returned by <see cref="Reserve"/> belongs to, found from its header as the kernel does; null if the header names no live ring.</summary>
    public static RingBufMap? FromSample(ulong sample)
    {
        var header = sample - HeaderSize;
        var pageOffset = *(uint*)(header + 4);
        var pageSize = (ulong)Environment.SystemPageSize;
        var meta = (header & ~(pageSize - 1)) - ((ulong)pageOffset * pageSize);
        return FromHandle(*(ulong*)meta) as RingBufMap;
    }

    /// <summary><c>bpf_ringbuf_submit</c> for helpers, which get only the record: commits it to the ring it belongs to.</summary>
    public static void SubmitSample(ulong sample, ulong flags) => FromSample(sample)?.Commit(sample, flags, discard: false);

    /// <summary><c>bpf_ringbuf_discard</c> for helpers, which get only the record.</summary>
    public static void DiscardSample(ulong sample, ulong flags) => FromSample(sample)?.Commit(sample, flags, discard: true);

    /// <summary><c>bpf_ringbuf_reserve</c>: the address of <paramref name="size"/> writable bytes, or 0 when flags are not 0 or the ring has no room.</summary>
    public ulong Reserve(ulong size, ulong flags)
    {
        if (flags != 0 || size > MaxRecordSize)
        {
            return 0;
        }

        var length = (size + HeaderSize + 7) & ~7UL;
        if (length > _mask + 1)
        {
            return 0;
        }

        var consumer = Volatile.Read(ref *(ulong*)(_meta + ConsumerOffset));
        SpinGate.Enter(ref _gate);
        ref var producerCell = ref *(ulong*)(_meta + ProducerOffset);
        var producer = producerCell;
        if (producer + length - consumer > _mask)
        {
            SpinGate.Exit(ref _gate);
            return 0;
        }

        var header = _data + (producer & _mask);
        *(uint*)header = (uint)size | BusyBit;
        *(uint*)(header + 4) = (uint)((ulong)(header - _meta) >> _pageShift);
        Volatile.Write(ref producerCell, producer + length);
        SpinGate.Exit(ref _gate);
        return (ulong)(header + HeaderSize);
    }

    /// <summary><c>bpf_ringbuf_submit</c>: makes a reserved record visible to the consumer.</summary>
    public void Submit(ulong sample, ulong flags) => Commit(sample, flags, discard: false);

    /// <summary><c>bpf_ringbuf_discard</c>: releases a reserved record; the consumer skips it.</summary>
    public void Discard(ulong sample, ulong flags) => Commit(sample, flags, discard: true);

    /// <summary><c>bpf_ringbuf_output</c>: copies <paramref name="size"/> bytes into a new record; 0, <c>-EINVAL</c> for unknown flags, or <c>-EAGAIN</c> when there is no room.</summary>
    public long Output(byte* data, ulong size, ulong flags)
    {
        if ((flags & ~(NoWakeup | ForceWakeup)) != 0)
        {
            return Invalid;
        }

        var sample = Reserve(size, 0);
        if (sample == 0)
        {
            return -(long)MapError.TryAgain;
        }

        Buffer.MemoryCopy(data, (void*)sample, size, size);
        Commit(sample, flags, discard: false);
        return 0;
    }

    /// <summary><c>bpf_ringbuf_query</c>: 0 available bytes, 1 ring size, 2 consumer position, 3 producer position; 0 for anything else.</summary>
    public ulong Query(ulong flags) => flags switch
    {
        0 => ProducerPosition - ConsumerPosition,
        1 => _mask + 1,
        2 => ConsumerPosition,
        3 => ProducerPosition,
        _ => 0,
    };

    /// <summary>Attaches the single consumer; false when one is attached already.</summary>
    internal bool TryAttachReader() => Interlocked.CompareExchange(ref _readerAttached, 1, 0) == 0;

    internal void DetachReader() => Volatile.Write(ref _readerAttached, 0);

    /// <summary>Stores the consumer position with a full fence, so that a committing producer either sees it or its record is seen.</summary>
    internal void StoreConsumerPosition(ulong position) => Interlocked.Exchange(ref *(ulong*)(_meta + ConsumerOffset), position);

    private protected override void DescribeHandle(byte* handle) => *(ulong*)_meta = (ulong)handle;

    private protected override void FreeResources()
    {
        Untrack(this);
        _memory.Dispose();
        _dataReady.Dispose();
    }

    /// <summary><c>bpf_ringbuf_commit</c>: copies a wrapped tail back to the start, clears the busy bit atomically, and wakes the consumer if it waits for this record (or if forced).</summary>
    private void Commit(ulong sample, ulong flags, bool discard)
    {
        var header = (byte*)sample - HeaderSize;
        var length = *(uint*)header;
        var position = (ulong)(header - _data);
        var end = position + ((((length & ~(BusyBit | DiscardBit)) + (ulong)HeaderSize) + 7) & ~7UL);
        if (!discard && end > _mask + 1)
        {
            Buffer.MemoryCopy(_data + _mask + 1, _data, end - _mask - 1, end - _mask - 1);
        }

        var committed = (length ^ BusyBit) | (discard ? DiscardBit : 0);
        Interlocked.Exchange(ref Unsafe.AsRef<uint>(header), committed);
        var consumer = Volatile.Read(ref *(ulong*)(_meta + ConsumerOffset)) & _mask;
        if ((flags & ForceWakeup) != 0 || (consumer == position && (flags & NoWakeup) == 0))
        {
            _dataReady.Set();
        }
    }
}
