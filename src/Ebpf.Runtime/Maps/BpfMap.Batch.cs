namespace Ebpf.Runtime.Maps;

/// <summary>Batch operations (<c>BPF_MAP_LOOKUP_BATCH</c>).</summary>
public abstract unsafe partial class BpfMap
{
    /// <summary>
    /// Copies up to as many elements as fit in both buffers (<see cref="KeySize"/> and <see cref="UserValueSize"/>
    /// bytes each) and advances <paramref name="cursor"/>. Returns <see cref="MapError.None"/> while more may
    /// follow and <see cref="MapError.NotFound"/> with the last batch (possibly empty), as Linux does.
    /// </summary>
    /// <remarks>
    /// Hash maps are walked bucket by bucket, as the kernel's <c>htab_map_lookup_batch</c>: a bucket is
    /// copied whole or not at all (<see cref="MapError.NoSpace"/> when not even the first fits), so
    /// concurrent deletes never make the walk restart. Other maps are walked in get-next-key order.
    /// </remarks>
    public MapError LookupBatch(MapBatchCursor cursor, Span<byte> keys, Span<byte> values, out int count)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ThrowIfDisposed();
        count = 0;
        if (KeySize == 0)
        {
            return MapError.NotSupported;
        }

        if (keys.Length % KeySize != 0 || values.Length % UserValueSize != 0)
        {
            throw new ArgumentException($"Batch buffers of map '{Name}' hold whole keys of {KeySize} bytes and values of {UserValueSize} bytes.");
        }

        var capacity = Math.Min(keys.Length / (int)KeySize, values.Length / UserValueSize);
        if (capacity == 0)
        {
            return MapError.InvalidArgument;
        }

        if (_userAccess == 2)
        {
            return MapError.PermissionDenied;
        }

        if (cursor.IsComplete)
        {
            return MapError.NotFound;
        }

        fixed (byte* k = keys, v = values)
        {
            return LookupBatchCore(cursor, k, v, capacity, out count);
        }
    }

    /// <summary>The walk in get-next-key order; a cursor key deleted meanwhile restarts it, as <c>generic_map_lookup_batch</c>.</summary>
    private protected virtual MapError LookupBatchCore(MapBatchCursor cursor, byte* keys, byte* values, int capacity, out int count)
    {
        count = 0;
        var next = new byte[KeySize];
        while (count < capacity)
        {
            var last = cursor.LastKey;
            MapError error;
            fixed (byte* l = last, n = next)
            {
                error = GetNextKeyCore(last is null ? null : l, n);
            }

            if (error == MapError.NotFound)
            {
                cursor.IsComplete = true;
                return MapError.NotFound;
            }

            if (error != MapError.None)
            {
                return error;
            }

            cursor.LastKey = (byte[])next.Clone();
            var keySlot = keys + ((long)count * KeySize);
            next.CopyTo(new Span<byte>(keySlot, (int)KeySize));
            if (LookupCore(keySlot, values + ((long)count * UserValueSize)) == MapError.None)
            {
                count++;
            }
        }

        return MapError.None;
    }
}
