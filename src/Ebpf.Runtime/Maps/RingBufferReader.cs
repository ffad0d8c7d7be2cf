using System.Diagnostics;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// The consumer side of a <see cref="RingBufMap"/>, as libbpf's <c>ring_buffer</c>: hands each submitted
/// record to a callback, in order, skipping discarded ones. One reader per ring at a time.
/// </summary>
/// <remarks>
/// The span a callback receives points into the ring and is valid only during the call. A record still
/// reserved (busy) stops consumption until it is committed, even when later records are ready, as in
/// libbpf. A callback that returns a negative value stops consumption after its record, and that value is
/// returned. Waits are woken when a producer commits the record the consumer waits for (unless it passes
/// <see cref="RingBufMap.NoWakeup"/>) or forces a wake-up.
/// </remarks>
public sealed class RingBufferReader : IDisposable
{
    private readonly RingBufMap _ring;
    private int _disposed;

    /// <summary>Attaches to <paramref name="ring"/>.</summary>
    /// <exception cref="InvalidOperationException">Another reader is attached.</exception>
    public RingBufferReader(RingBufMap ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (!ring.TryRetain())
        {
            throw new ObjectDisposedException(nameof(RingBufMap));
        }

        if (!ring.TryAttachReader())
        {
            ring.Release();
            throw new InvalidOperationException($"Ring buffer '{ring.Name}' already has a reader.");
        }

        _ring = ring;
    }

    /// <summary>Signalled when producers wake the consumer (as the ring's epoll file descriptor).</summary>
    public WaitHandle WaitHandle => _ring.DataReady;

    /// <summary>Bytes reserved by producers and not yet consumed (<c>BPF_RB_AVAIL_DATA</c>).</summary>
    public ulong AvailableBytes => _ring.ProducerPosition - _ring.ConsumerPosition;

    /// <summary>Consumes every ready record without waiting (<c>ring_buffer__consume</c>): the number of records handed over, or a callback's negative result.</summary>
    public unsafe int Consume(Func<ReadOnlySpan<byte>, int> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var data = _ring.Data;
        var mask = _ring.Mask;
        var consumer = _ring.ConsumerPosition;
        var count = 0;
        bool progressed;
        do
        {
            progressed = false;
            var producer = _ring.ProducerPosition;
            while (consumer < producer)
            {
                var header = data + (consumer & mask);
                var length = Volatile.Read(ref *(uint*)header);
                if ((length & RingBufMap.BusyBit) != 0)
                {
                    return count;
                }

                progressed = true;
                var payload = length & ~RingBufMap.DiscardBit;
                consumer += (payload + RingBufMap.HeaderSize + 7UL) & ~7UL;
                if ((length & RingBufMap.DiscardBit) == 0)
                {
                    var result = callback(new ReadOnlySpan<byte>(header + RingBufMap.HeaderSize, (int)payload));
                    if (result < 0)
                    {
                        _ring.StoreConsumerPosition(consumer);
                        return result;
                    }

                    count++;
                }

                _ring.StoreConsumerPosition(consumer);
            }
        }
        while (progressed);
        return count;
    }

    /// <summary>Consumes ready records, waiting up to <paramref name="timeout"/> for the first (<c>ring_buffer__poll</c>): the number handed over (0 on timeout), or a callback's negative result.</summary>
    public int Poll(Func<ReadOnlySpan<byte>, int> callback, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var count = Consume(callback);
            if (count != 0 || HasReadyRecord())
            {
                if (count != 0)
                {
                    return count;
                }

                continue;
            }

            var remaining = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - clock.Elapsed;
            if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
            {
                return 0;
            }

            _ring.DataReady.WaitOne(remaining);
        }
    }

    /// <summary>Waits without blocking a thread until producers wake the consumer, the timeout passes, or the token is cancelled; true when woken (records may be ready).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (HasReadyRecord())
        {
            return Task.FromResult(true);
        }

        var completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = ThreadPool.RegisterWaitForSingleObject(
            _ring.DataReady, (state, timedOut) => ((TaskCompletionSource<bool>)state!).TrySetResult(!timedOut), completion, timeout, executeOnlyOnce: true);
        var cancellation = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        _ = completion.Task.ContinueWith(
            _ =>
            {
                registration.Unregister(null);
                cancellation.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return completion.Task;
    }

    /// <summary>Consumes ready records, waiting asynchronously for the first; the number handed over, or a callback's negative result.</summary>
    public async Task<int> PollAsync(Func<ReadOnlySpan<byte>, int> callback, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var count = Consume(callback);
            if (count != 0)
            {
                return count;
            }

            await WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Detaches from the ring.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ring.DetachReader();
            _ring.Release();
        }
    }

    /// <summary>True when the record at the consumer position is committed, read after the position was stored.</summary>
    private unsafe bool HasReadyRecord()
    {
        var consumer = _ring.ConsumerPosition;
        if (consumer >= _ring.ProducerPosition)
        {
            return false;
        }

        var length = Volatile.Read(ref *(uint*)(_ring.Data + (consumer & _ring.Mask)));
        return (length & RingBufMap.BusyBit) == 0;
    }
}
