using System.Runtime.CompilerServices;
using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_HASH_OF_MAPS</c>: inner maps by key, each matching <see cref="MapSpec.InnerMap"/> as
/// Linux checks. A program's lookup returns the inner map's <see cref="BpfMap.Handle"/> (or 0). Keys
/// follow <see cref="HashMap"/> semantics (flags, capacity, iteration); inner-map handling follows
/// <see cref="ArrayOfMaps"/> (span values are inner map ids; the outer map holds a reference on each).
/// </summary>
public sealed unsafe class HashOfMaps : BpfMap
{
    private readonly HashTable _table;
    private readonly MapSpec _inner;

    internal HashOfMaps(MapSpec spec, MapOptions options)
        : base(spec, options)
    {
        _inner = spec.InnerMap!;
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, HashTable.MemoryBytes(spec.KeySize, 8, spec.MaxEntries, 1), options));
        var seed = spec.Flags.HasFlag(MapFlags.ZeroSeed) ? 0UL : (ulong)Random.Shared.NextInt64();
        _table = new HashTable(spec.KeySize, 8, spec.MaxEntries, 1, percpu: false, lru: false, seed);
    }

    /// <inheritdoc />
    public override int UserValueSize => 4;

    /// <inheritdoc />
    public override ulong LookupElement(byte* key)
    {
        var element = _table.Find(key);
        return element < 0 ? 0 : Volatile.Read(ref *(ulong*)_table.Value(element, 0));
    }

    /// <summary>Stores <paramref name="map"/> under <paramref name="key"/>, as <paramref name="flags"/> allow, releasing the map it replaces.</summary>
    public MapError Update(ReadOnlySpan<byte> key, BpfMap map, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        ArgumentNullException.ThrowIfNull(map);
        ThrowIfDisposed();
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"The key of map '{Name}' is {KeySize} bytes; got {key.Length}.", nameof(key));
        }

        fixed (byte* k = key)
        {
            return Store(k, map, (ulong)flags);
        }
    }

    /// <summary>The inner map stored under <paramref name="key"/>.</summary>
    public bool TryGetInnerMap(ReadOnlySpan<byte> key, out BpfMap? map)
    {
        ThrowIfDisposed();
        fixed (byte* k = key)
        {
            map = key.Length == KeySize ? FromHandle(LookupElement(k)) : null;
        }

        return map is not null;
    }

    private protected override MapError LookupCore(byte* key, byte* value)
    {
        var map = FromHandle(LookupElement(key));
        if (map is null)
        {
            return MapError.NotFound;
        }

        Unsafe.WriteUnaligned(value, map.Id);
        return MapError.None;
    }

    private protected override MapError UpdateCore(byte* key, byte* value, ulong flags) =>
        FromId(Unsafe.ReadUnaligned<uint>(value)) is { } map ? Store(key, map, flags) : MapError.BadDescriptor;

    private protected override MapError DeleteCore(byte* key)
    {
        ulong removed = 0;
        var error = _table.Delete(key, (byte*)&removed);
        if (error == MapError.None)
        {
            FromHandle(removed)?.Release();
        }

        return error;
    }

    private protected override MapError GetNextKeyCore(byte* key, byte* nextKey) => _table.NextKey(key, nextKey);

    private protected override void FreeResources()
    {
        foreach (var handle in _table.FirstWords())
        {
            FromHandle(handle)?.Release();
        }

        _table.Dispose();
    }

    private MapError Store(byte* key, BpfMap map, ulong flags)
    {
        var error = InnerMapRules.Retain(_inner, map);
        if (error != MapError.None)
        {
            return error;
        }

        ulong handle = map.Handle, previous = 0;
        error = _table.Update(key, (byte*)&handle, flags, HashTable.AllCpus, (byte*)&previous);
        (error == MapError.None ? FromHandle(previous) : map)?.Release();
        return error;
    }
}
