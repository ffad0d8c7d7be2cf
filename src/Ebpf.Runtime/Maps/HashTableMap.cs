using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// What the hash map types share: a preallocated table of <c>max_entries</c> elements with striped
/// bucket locks for writers and lock-free lookups (see <see cref="HashMap"/> for the semantics).
/// </summary>
/// <remarks>
/// An update of an existing key writes the value in place (as the kernel does for per-CPU values and
/// <c>BPF_F_LOCK</c>), so the address a program holds keeps showing the element's current value; a
/// concurrent reader may see a mix of old and new bytes, as with arrays. <c>BPF_F_NO_PREALLOC</c> is
/// accepted and changes nothing: elements are always preallocated, so value addresses stay valid.
/// </remarks>
public abstract unsafe class HashTableMap : BpfMap
{
    private readonly HashTable _table;
    private readonly bool _percpu;
    private readonly bool _lru;

    private protected HashTableMap(MapSpec spec, MapOptions options, bool percpu, bool lru)
        : base(spec, options)
    {
        _percpu = percpu;
        _lru = lru;
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, HashTable.MemoryBytes(spec.KeySize, spec.ValueSize, spec.MaxEntries, CpuCount), options));
        var seed = spec.Flags.HasFlag(MapFlags.ZeroSeed) ? 0UL : (ulong)Random.Shared.NextInt64();
        _table = new HashTable(spec.KeySize, spec.ValueSize, spec.MaxEntries, CpuCount, percpu, lru, seed);
        Regions = [ValueRegion(_table.ValuesAddress, _table.ValuesLength)];
    }

    /// <inheritdoc />
    public override int UserValueSize => _table.UserValueSize;

    /// <inheritdoc />
    public override ImmutableArray<MemoryRegion> Regions { get; }

    /// <inheritdoc />
    public override ulong LookupElement(byte* key) => Found(_table.Find(key));

    /// <summary>
    /// A program's lookup with the key's hash and compare specialised for its size (<see cref="IKeyShape.For"/>): what
    /// the JIT calls, directly, for a map it knows at compile time.
    /// </summary>
    internal ulong LookupElement<TKey>(byte* key)
        where TKey : struct, IKeyShape => Found(_table.Find<TKey>(key));

    /// <summary>The value address a program sees for an element found (or 0), marking it used in LRU tables.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Found(int element)
    {
        if (element < 0)
        {
            return 0;
        }

        if (_lru)
        {
            _table.Touch(element);
        }

        return (ulong)(_percpu ? _table.Value(element, CurrentCpu()) : _table.Value(element));
    }

    /// <inheritdoc />
    public override ulong LookupPercpuElement(byte* key, uint cpu)
    {
        if (!_percpu || cpu >= (uint)CpuCount)
        {
            return 0;
        }

        var element = _table.Find(key);
        return element < 0 ? 0 : (ulong)_table.Value(element, (int)cpu);
    }

    /// <inheritdoc />
    public override long UpdateElement(byte* key, byte* value, ulong flags) =>
        -(long)_table.Update(key, value, flags, _percpu ? CurrentCpu() : 0);

    /// <inheritdoc />
    public override long DeleteElement(byte* key) => -(long)_table.Delete(key, null);

    private protected override MapError LookupCore(byte* key, byte* value) => _table.TryRead(key, value) ? MapError.None : MapError.NotFound;

    private protected override MapError UpdateCore(byte* key, byte* value, ulong flags) => _table.Update(key, value, flags, HashTable.AllCpus);

    private protected override MapError DeleteCore(byte* key) => _table.Delete(key, null);

    private protected override MapError LookupAndDeleteCore(byte* key, byte* value) => _table.Delete(key, value);

    private protected override MapError GetNextKeyCore(byte* key, byte* nextKey) => _table.NextKey(key, nextKey);

    private protected override MapError LookupBatchCore(MapBatchCursor cursor, byte* keys, byte* values, int capacity, out int count) =>
        _table.Batch(cursor, keys, values, capacity, out count);

    private protected override void FreeResources() => _table.Dispose();
}
