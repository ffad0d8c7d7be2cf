namespace Ebpf.Runtime.Maps;

/// <summary>Iteration: get-next-key and batches, bucket by bucket.</summary>
internal sealed unsafe partial class HashTable
{
    /// <summary>
    /// <c>htab_map_get_next_key</c>: the element after <paramref name="key"/> in its chain, else the head of
    /// the next non-empty bucket. No key, or a key not in the table (deleted during the walk), starts over
    /// from the first bucket, as Linux does.
    /// </summary>
    public MapError NextKey(byte* key, byte* nextKey)
    {
        uint bucket = 0;
        if (key != null)
        {
            var hash = Hash(key);
            var home = hash & _bucketMask;
            _locks.Enter(home);
            var element = FindLocked(home, key, hash, out _);
            if (element >= 0)
            {
                var next = Next(element);
                if (next >= 0)
                {
                    CopyKey(next, nextKey);
                    _locks.Exit(home);
                    return MapError.None;
                }

                bucket = home + 1;
            }

            _locks.Exit(home);
        }

        for (; bucket <= _bucketMask; bucket++)
        {
            if (Volatile.Read(ref _buckets[bucket]) < 0)
            {
                continue;
            }

            _locks.Enter(bucket);
            var head = _buckets[bucket];
            if (head >= 0)
            {
                CopyKey(head, nextKey);
            }

            _locks.Exit(bucket);
            if (head >= 0)
            {
                return MapError.None;
            }
        }

        return MapError.NotFound;
    }

    /// <summary><c>htab_map_lookup_batch</c>: whole buckets from the cursor's bucket on, while they fit.</summary>
    public MapError Batch(MapBatchCursor cursor, byte* keys, byte* values, int capacity, out int count)
    {
        count = 0;
        var bucket = cursor.Position;
        var userValueSize = (ulong)UserValueSize;
        for (; bucket <= _bucketMask; bucket++)
        {
            if (Volatile.Read(ref _buckets[bucket]) < 0)
            {
                continue;
            }

            _locks.Enter(bucket);
            var size = 0;
            for (var element = _buckets[bucket]; element >= 0; element = Next(element))
            {
                size++;
            }

            if (size > capacity - count)
            {
                _locks.Exit(bucket);
                cursor.Position = bucket;
                return count == 0 ? MapError.NoSpace : MapError.None;
            }

            for (var element = _buckets[bucket]; element >= 0; element = Next(element), count++)
            {
                CopyKey(element, keys + ((ulong)count * (ulong)_keySize));
                ReadValue(element, values + ((ulong)count * userValueSize), AllCpus);
            }

            _locks.Exit(bucket);
        }

        cursor.Position = bucket;
        cursor.IsComplete = true;
        return MapError.NotFound;
    }

    private void CopyKey(int element, byte* destination) => Buffer.MemoryCopy(Key(element), destination, _keySize, _keySize);

    /// <summary>The first eight bytes of every stored value (inner map handles); for freeing, when nothing else uses the table.</summary>
    public List<ulong> FirstWords()
    {
        var words = new List<ulong>();
        for (var bucket = 0U; bucket <= _bucketMask; bucket++)
        {
            for (var element = _buckets[bucket]; element >= 0; element = Next(element))
            {
                words.Add(*(ulong*)Value(element, 0));
            }
        }

        return words;
    }
}
