namespace Ebpf.Runtime.Maps;

/// <summary>Finding the ring a record belongs to without trusting the address: for checked runs, where a program may pass anything to <c>bpf_ringbuf_submit</c>.</summary>
public sealed unsafe partial class RingBufMap
{
    private static readonly Lock LiveGate = new();
    private static RingBufMap[] _live = [];

    /// <summary>
    /// The ring in which <paramref name="sample"/> is a record reserved and not yet committed, or null with the
    /// reason. Reads no memory outside live rings, so it is safe for any address; the verifier's reference
    /// tracking makes the check unnecessary for verified programs.
    /// </summary>
    internal static RingBufMap? FindReserved(ulong sample, out string? problem)
    {
        var header = sample - HeaderSize;
        foreach (var ring in Volatile.Read(ref _live))
        {
            var position = header - (ulong)ring._data;
            if (sample < HeaderSize || position > ring._mask)
            {
                continue;
            }

            problem = ring.CheckReserved(header, position);
            return problem is null ? ring : null;
        }

        problem = $"0x{sample:x} is not a record of a ring buffer";
        return null;
    }

    private static void Track(RingBufMap ring)
    {
        lock (LiveGate)
        {
            Volatile.Write(ref _live, [.. _live, ring]);
        }
    }

    private static void Untrack(RingBufMap ring)
    {
        lock (LiveGate)
        {
            Volatile.Write(ref _live, [.. _live.Where(r => r != ring)]);
        }
    }

    /// <summary>Null when a busy record header sits at <paramref name="position"/> of the data area, between the consumer and the producer.</summary>
    private string? CheckReserved(ulong header, ulong position)
    {
        var length = Volatile.Read(ref *(uint*)header);
        var consumer = ConsumerPosition;
        var pending = ProducerPosition - consumer;
        var expectedPage = (uint)((header - (ulong)_meta) >> _pageShift);
        return position % 8 != 0 || ((position - consumer) & _mask) >= pending || *(uint*)(header + 4) != expectedPage
                ? $"0x{header + HeaderSize:x} is not the start of a record in ring buffer '{Name}'"
            : (length & BusyBit) == 0 ? $"the record at 0x{header + HeaderSize:x} in ring buffer '{Name}' was already submitted or discarded"
            : null;
    }
}
