using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// The preallocated hash table behind the hash map types (<c>kernel/bpf/hashtab.c</c>): a pool of
/// <c>max_entries</c> elements whose keys and values live in native memory at fixed addresses,
/// <c>roundup_pow_of_two(max_entries)</c> bucket chains, a free list, and optionally an LRU list.
/// </summary>
/// <remarks>
/// <para>Writers take the striped lock of their bucket; lookups take no lock. Chains end in a "nulls"
/// marker naming their bucket (<c>~bucket</c>), as the kernel's <c>hlist_nulls</c>: a deleted element
/// keeps its next link, so a reader standing on it walks on; if the element was reused in another
/// chain meanwhile, the reader reaches a foreign marker and restarts.</para>
/// <para>Each element's links and key sit together in one native record (<see cref="ElementHeader"/> bytes of tag, next link
/// and hash, then the key; a power-of-two stride up to 64 bytes, so a record never straddles a cache line), and the
/// bucket heads in a native array: a lookup touches the bucket, the record and the value, as the kernel's
/// <c>htab_elem</c> does, and reads them without bounds checks.</para>
/// <para>An element's tag counts its incarnations (<c>generation &lt;&lt; 1 | live</c>), so an evictor can tell
/// that the element it chose is still the one it saw.</para>
/// <para>Values of per-CPU tables hold one <c>round_up(value_size, 8)</c> slot per CPU, each CPU's
/// slots in a block of its own.</para>
/// </remarks>
internal sealed unsafe partial class HashTable : IDisposable
{
    /// <summary>Passed as the CPU of user-side operations on per-CPU tables: every slot, in user layout.</summary>
    public const int AllCpus = -1;

    /// <summary>Bytes before an element's key in its record: tag, next link, hash.</summary>
    private const int ElementHeader = 12;

    private readonly int _keySize;
    private readonly ulong _elementStride;
    private readonly uint _valueSize;
    private readonly ulong _valueStride;
    private readonly ulong _cpuStride;
    private readonly int _cpuCount;
    private readonly bool _percpu;
    private readonly int _capacity;
    private readonly uint _bucketMask;
    private readonly ulong _seed;
    private readonly NativeBlock _elements;
    private readonly NativeBlock _values;
    private readonly NativeBlock _bucketBlock;
    private readonly byte* _elementBase;
    private readonly byte* _valueBase;
    private readonly int* _buckets;
    private readonly StripedLocks _locks;
    private readonly FreeList _free;
    private readonly LruList? _lru;

    public HashTable(uint keySize, uint valueSize, uint maxEntries, int cpuCount, bool percpu, bool lru, ulong seed)
    {
        _keySize = (int)keySize;
        _elementStride = ElementStride(keySize);
        _valueSize = valueSize;
        _valueStride = ArrayIndex.RoundUp8(valueSize);
        _capacity = (int)maxEntries;
        _cpuCount = percpu ? cpuCount : 1;
        _percpu = percpu;
        _cpuStride = ((_valueStride * maxEntries) + 63) & ~63UL;
        var buckets = (uint)BitOperations.RoundUpToPowerOf2(maxEntries);
        _bucketMask = buckets - 1;
        _seed = seed;
        _elements = new NativeBlock(_elementStride * maxEntries);
        _values = new NativeBlock(_cpuStride * (ulong)_cpuCount);
        _bucketBlock = new NativeBlock(4UL * buckets);
        _elementBase = _elements.Pointer;
        _valueBase = _values.Pointer;
        _buckets = (int*)_bucketBlock.Pointer;
        for (var b = 0; b < (int)buckets; b++)
        {
            _buckets[b] = ~b;
        }

        _locks = new StripedLocks(buckets);
        _free = new FreeList(_capacity);
        _lru = lru ? new LruList(_capacity) : null;
    }

    /// <summary>Bytes a table of this shape allocates: element records, values and bucket heads in native memory, and the managed free list (4 bytes an element).</summary>
    public static ulong MemoryBytes(uint keySize, uint valueSize, uint maxEntries, int cpuCount) =>
        (ElementStride(keySize) * maxEntries)
        + ((((ArrayIndex.RoundUp8(valueSize) * maxEntries) + 63) & ~63UL) * (ulong)cpuCount)
        + (4UL * maxEntries) + (4 * BitOperations.RoundUpToPowerOf2((ulong)maxEntries));

    /// <summary>The first byte of all values.</summary>
    public ulong ValuesAddress => _values.Address;

    /// <summary>Bytes of all values.</summary>
    public ulong ValuesLength => _values.Length;

    /// <summary>Bytes of one value in user layout.</summary>
    public int UserValueSize => _percpu ? _cpuCount * (int)_valueStride : (int)_valueSize;

    public uint Hash(byte* key) => KeyHash.Compute(key, _keySize, _seed);

    /// <summary>
    /// The element holding <paramref name="key"/>, or -1. Lock-free: a match counts only if the element
    /// was live, as the same incarnation, before and after its key was compared, so an element deleted
    /// and reused for another key meanwhile is never returned for this one. (It may still be deleted and
    /// reused after it is returned, as with the kernel's preallocated maps.)
    /// </summary>
    public int Find(byte* key) => _keySize switch
    {
        4 => Find<Key4>(key),
        8 => Find<Key8>(key),
        16 => Find<Key16>(key),
        _ => Find<KeyOfAnySize>(key),
    };

    /// <summary><see cref="Find(byte*)"/> with the hash and compare of a key shape inlined; the shape must match the key size.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find<TKey>(byte* key)
        where TKey : struct, IKeyShape
    {
        var hash = TKey.Hash(key, _keySize, _seed);
        var bucket = hash & _bucketMask;
        while (true)
        {
            var element = Volatile.Read(ref _buckets[bucket]);
            for (var steps = 0; element >= 0 && steps <= _capacity; steps++)
            {
                var record = TKey.RecordStride != 0 ? _elementBase + ((ulong)(uint)element * (uint)TKey.RecordStride) : Record(element);
                var tag = Volatile.Read(ref *(int*)record);
                if ((tag & 1) != 0 && *(uint*)(record + 8) == hash && TKey.Equal(record + ElementHeader, key, _keySize))
                {
                    Volatile.ReadBarrier();
                    if (Volatile.Read(ref *(int*)record) == tag)
                    {
                        return element;
                    }

                    break; // reused while we compared: walk again
                }

                element = Volatile.Read(ref *(int*)(record + 4));
            }

            if (element == ~(int)bucket)
            {
                return -1;
            }
        }
    }

    /// <summary>Copies the value of <paramref name="key"/> (user layout) under its bucket's lock, so that it is never torn by a concurrent update; false when there is none.</summary>
    public bool TryRead(byte* key, byte* destination)
    {
        var hash = Hash(key);
        var bucket = hash & _bucketMask;
        _locks.Enter(bucket);
        var element = FindLocked(bucket, key, hash, out _);
        if (element >= 0)
        {
            ReadValue(element, destination, AllCpus);
        }

        _locks.Exit(bucket);
        return element >= 0;
    }

    /// <summary>The address of an element's value in a table that is not per-CPU.</summary>
    public byte* Value(int element) => _valueBase + ((ulong)(uint)element * _valueStride);

    /// <summary>The address of <paramref name="cpu"/>'s slot of an element's value.</summary>
    public byte* Value(int element, int cpu) => _valueBase + ((ulong)cpu * _cpuStride) + ((ulong)element * _valueStride);

    /// <summary>Marks an element recently used, for LRU tables.</summary>
    public void Touch(int element) => _lru?.Touch(element);

    /// <summary>Copies an element's value out: one slot, or every slot in user layout (<see cref="AllCpus"/>).</summary>
    public void ReadValue(int element, byte* destination, int cpu)
    {
        if (!_percpu)
        {
            Buffer.MemoryCopy(Value(element, 0), destination, _valueSize, _valueSize);
        }
        else if (cpu != AllCpus)
        {
            Buffer.MemoryCopy(Value(element, cpu), destination, _valueSize, _valueSize);
        }
        else
        {
            for (var c = 0; c < _cpuCount; c++)
            {
                Buffer.MemoryCopy(Value(element, c), destination + ((ulong)c * _valueStride), _valueStride, _valueStride);
            }
        }
    }

    public void Dispose()
    {
        _elements.Dispose();
        _values.Dispose();
        _bucketBlock.Dispose();
    }

    /// <summary>Header plus key, rounded up to a power of two while that fits a cache line (16 bytes for a u32 key, 32 for a 5-tuple), else to 8.</summary>
    private static ulong ElementStride(uint keySize)
    {
        var bytes = ElementHeader + (ulong)keySize;
        return bytes <= 64 ? BitOperations.RoundUpToPowerOf2(bytes) : ArrayIndex.RoundUp8((uint)bytes);
    }

    private byte* Record(int element) => _elementBase + ((ulong)(uint)element * _elementStride);

    private byte* Key(int element) => Record(element) + ElementHeader;

    /// <summary>An element's incarnation count and liveness (<c>generation &lt;&lt; 1 | live</c>).</summary>
    private ref int Tag(int element) => ref *(int*)Record(element);

    /// <summary>The next element of an element's chain, or its chain's nulls marker.</summary>
    private ref int Next(int element) => ref *(int*)(Record(element) + 4);

    /// <summary>The hash of an element's key.</summary>
    private ref uint HashOf(int element) => ref *(uint*)(Record(element) + 8);

    private bool KeyEquals(int element, byte* key) => _keySize switch
    {
        4 => Key4.Equal(Key(element), key, 4),
        8 => Key8.Equal(Key(element), key, 8),
        16 => Key16.Equal(Key(element), key, 16),
        _ => KeyOfAnySize.Equal(Key(element), key, _keySize),
    };

    /// <summary>Writes a value: one slot from a program (a new per-CPU element gets its other slots zeroed, as <c>pcpu_init_value</c>), or every slot from user space.</summary>
    private void WriteValue(int element, byte* value, int cpu, bool isNew)
    {
        if (!_percpu)
        {
            Buffer.MemoryCopy(value, Value(element, 0), _valueSize, _valueSize);
            return;
        }

        for (var c = 0; c < _cpuCount; c++)
        {
            if (cpu == AllCpus)
            {
                Buffer.MemoryCopy(value + ((ulong)c * _valueStride), Value(element, c), _valueStride, _valueStride);
            }
            else if (c == cpu)
            {
                Buffer.MemoryCopy(value, Value(element, c), _valueSize, _valueSize);
            }
            else if (isNew)
            {
                new Span<byte>(Value(element, c), (int)_valueStride).Clear();
            }
        }
    }

    /// <summary>The element holding <paramref name="key"/> in <paramref name="bucket"/>, and its predecessor; the bucket's lock is held.</summary>
    private int FindLocked(uint bucket, byte* key, uint hash, out int previous)
    {
        previous = -1;
        for (var element = _buckets[bucket]; element >= 0; element = Next(element))
        {
            if (HashOf(element) == hash && KeyEquals(element, key))
            {
                return element;
            }

            previous = element;
        }

        return -1;
    }
}
