namespace Ebpf.Runtime.Maps;

/// <summary>Updates, deletes and LRU eviction.</summary>
internal sealed unsafe partial class HashTable
{
    private const int EvictionAttempts = 1024;

    /// <summary>
    /// <c>htab_map_update_elem</c>: replaces the value of an existing key in place, or links a free element.
    /// A full table answers <see cref="MapError.TooBig"/>; an LRU table evicts instead (allocating before it
    /// takes the bucket lock, as the kernel does), and answers <see cref="MapError.OutOfMemory"/> only when
    /// every element is in flight. <paramref name="previous"/>, when not null, receives the replaced value.
    /// </summary>
    public MapError Update(byte* key, byte* value, ulong flags, int cpu, byte* previous = null)
    {
        if (flags > (ulong)MapUpdateFlags.Exist)
        {
            return MapError.InvalidArgument;
        }

        var hash = Hash(key);
        var bucket = hash & _bucketMask;
        while (true)
        {
            // LRU tables allocate outside the bucket lock, since eviction takes another bucket's lock;
            // a key that already exists is replaced in place and evicts nothing.
            var spare = -1;
            if (_lru is not null && flags != (ulong)MapUpdateFlags.Exist && Find(key) < 0)
            {
                spare = AllocateEvicting();
                if (spare < 0)
                {
                    return MapError.OutOfMemory;
                }
            }

            _locks.Enter(bucket);
            var element = FindLocked(bucket, key, hash, out _);
            MapError result;
            if (element >= 0)
            {
                result = flags == (ulong)MapUpdateFlags.NoExist ? MapError.Exists : MapError.None;
                if (result == MapError.None)
                {
                    if (previous != null)
                    {
                        ReadValue(element, previous, AllCpus);
                    }

                    WriteValue(element, value, cpu, isNew: false);
                    _lru?.Touch(element);
                }
            }
            else if (flags == (ulong)MapUpdateFlags.Exist)
            {
                result = MapError.NotFound;
            }
            else
            {
                if (_lru is null)
                {
                    spare = _free.Pop();
                }
                else if (spare < 0)
                {
                    // The key was there when we looked and is gone now: allocate and try again.
                    _locks.Exit(bucket);
                    continue;
                }

                result = spare < 0 ? MapError.TooBig : MapError.None;
                if (spare >= 0)
                {
                    Insert(bucket, spare, key, hash, value, cpu);
                    spare = -1;
                }
            }

            _locks.Exit(bucket);
            if (spare >= 0)
            {
                _free.Push(spare);
            }

            return result;
        }
    }

    /// <summary><c>htab_map_delete_elem</c>; <paramref name="removed"/>, when not null, receives the value (user layout) first.</summary>
    public MapError Delete(byte* key, byte* removed)
    {
        var hash = Hash(key);
        var bucket = hash & _bucketMask;
        _locks.Enter(bucket);
        var element = FindLocked(bucket, key, hash, out var previous);
        if (element < 0)
        {
            _locks.Exit(bucket);
            return MapError.NotFound;
        }

        if (removed != null)
        {
            ReadValue(element, removed, AllCpus);
        }

        Unlink(bucket, element, previous);
        _locks.Exit(bucket);
        _free.Push(element);
        return MapError.None;
    }

    private void Insert(uint bucket, int element, byte* key, uint hash, byte* value, int cpu)
    {
        Buffer.MemoryCopy(key, Key(element), _keySize, _keySize);
        WriteValue(element, value, cpu, isNew: true);
        HashOf(element) = hash;
        Next(element) = _buckets[bucket];
        Volatile.Write(ref Tag(element), (Tag(element) & ~1) + 3); // next generation, live
        Volatile.Write(ref _buckets[bucket], element);
        _lru?.Add(element);
    }

    /// <summary>Unlinks an element from its chain; its own next link stays, for readers standing on it.</summary>
    private void Unlink(uint bucket, int element, int previous)
    {
        var next = Next(element);
        if (previous < 0)
        {
            Volatile.Write(ref _buckets[bucket], next);
        }
        else
        {
            Volatile.Write(ref Next(previous), next);
        }

        Volatile.Write(ref Tag(element), Tag(element) & ~1);
        _lru?.Remove(element);
    }

    /// <summary>A free element, or the LRU victim unlinked from its bucket; -1 when none can be had.</summary>
    private int AllocateEvicting()
    {
        var spinner = default(SpinWait);
        for (var attempt = 0; attempt < EvictionAttempts; attempt++)
        {
            var element = _free.Pop();
            if (element >= 0)
            {
                return element;
            }

            var victim = _lru!.TakeVictim(_elementBase, _elementStride, out var tag);
            if (victim < 0 || (tag & 1) == 0)
            {
                // Every element is being inserted or deleted by someone else right now.
                spinner.SpinOnce();
                continue;
            }

            var bucket = Volatile.Read(ref HashOf(victim)) & _bucketMask;
            _locks.Enter(bucket);
            var owned = Volatile.Read(ref Tag(victim)) == tag && UnlinkVictim(bucket, victim);
            _locks.Exit(bucket);
            if (owned)
            {
                return victim;
            }
        }

        return -1;
    }

    /// <summary>Unlinks the element if it is still in the chain of <paramref name="bucket"/>, whose lock is held.</summary>
    private bool UnlinkVictim(uint bucket, int victim)
    {
        var previous = -1;
        for (var element = _buckets[bucket]; element >= 0; element = Next(element))
        {
            if (element == victim)
            {
                Unlink(bucket, victim, previous);
                return true;
            }

            previous = element;
        }

        return false;
    }
}
