using System.Runtime.CompilerServices;
using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_ARRAY_OF_MAPS</c>: slots of inner maps, each matching <see cref="MapSpec.InnerMap"/> as
/// Linux checks (<c>bpf_map_meta_equal</c>). A program's lookup returns the inner map's
/// <see cref="BpfMap.Handle"/> (or 0), which it passes on to map helpers.
/// </summary>
/// <remarks>
/// <para>User space stores a map with <see cref="Update(uint, BpfMap, MapUpdateFlags)"/>, or with the span API
/// whose 4-byte value is the inner map's <see cref="BpfMap.Id"/> (where Linux takes a file descriptor); a
/// span lookup returns that id, as Linux does. Updates take <c>BPF_ANY</c> only; a mismatched inner map
/// is <see cref="MapError.InvalidArgument"/>.</para>
/// <para>The outer map holds a reference on each inner map, so an inner map disposed by its creator lives
/// on until it leaves the outer map. Replacing or deleting a slot while a program on another thread still
/// uses the old inner map is the caller's to avoid: Linux waits an RCU grace period before freeing it.</para>
/// </remarks>
public sealed unsafe class ArrayOfMaps : BpfMap
{
    private readonly NativeBlock _handles;
    private readonly ulong* _slots;
    private readonly MapSpec _inner;
    private int _gate;

    internal ArrayOfMaps(MapSpec spec, MapOptions options)
        : base(spec, options)
    {
        _inner = spec.InnerMap!;
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, 8UL * spec.MaxEntries, options));
        _handles = new NativeBlock(8UL * spec.MaxEntries);
        _slots = (ulong*)_handles.Pointer;
    }

    /// <inheritdoc />
    public override int UserValueSize => 4;

    /// <inheritdoc />
    public override ulong LookupElement(byte* key)
    {
        var index = ArrayIndex.Read(key);
        return index < MaxEntries ? Volatile.Read(ref _slots[index]) : 0;
    }

    /// <summary>Stores <paramref name="map"/> in slot <paramref name="index"/>, releasing the map it replaces.</summary>
    public MapError Update(uint index, BpfMap map, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        ArgumentNullException.ThrowIfNull(map);
        ThrowIfDisposed();
        if (flags != MapUpdateFlags.Any)
        {
            return MapError.InvalidArgument;
        }

        if (index >= MaxEntries)
        {
            return MapError.TooBig;
        }

        var error = InnerMapRules.Retain(_inner, map);
        if (error == MapError.None)
        {
            Replace(index, map.Handle);
        }

        return error;
    }

    /// <summary>The inner map in slot <paramref name="index"/>.</summary>
    public bool TryGetInnerMap(uint index, out BpfMap? map)
    {
        map = index < MaxEntries ? FromHandle(Volatile.Read(ref _slots[index])) : null;
        return map is not null;
    }

    private protected override MapError LookupCore(byte* key, byte* value)
    {
        if (!TryGetInnerMap(ArrayIndex.Read(key), out var map))
        {
            return MapError.NotFound;
        }

        Unsafe.WriteUnaligned(value, map!.Id);
        return MapError.None;
    }

    private protected override MapError UpdateCore(byte* key, byte* value, ulong flags)
    {
        var map = FromId(Unsafe.ReadUnaligned<uint>(value));
        return flags != 0 ? MapError.InvalidArgument
            : map is null ? MapError.BadDescriptor
            : Update(ArrayIndex.Read(key), map);
    }

    private protected override MapError DeleteCore(byte* key)
    {
        var index = ArrayIndex.Read(key);
        return index >= MaxEntries ? MapError.TooBig
            : Replace(index, 0) ? MapError.None
            : MapError.NotFound;
    }

    private protected override MapError GetNextKeyCore(byte* key, byte* nextKey) => ArrayIndex.NextKey(key, nextKey, MaxEntries);

    private protected override void FreeResources()
    {
        for (uint i = 0; i < MaxEntries; i++)
        {
            Replace(i, 0);
        }

        _handles.Dispose();
    }

    /// <summary>Swaps a slot's handle and releases the map it held; false when it held none.</summary>
    private bool Replace(uint index, ulong handle)
    {
        SpinGate.Enter(ref _gate);
        var old = Interlocked.Exchange(ref _slots[index], handle);
        var held = FromHandle(old);
        SpinGate.Exit(ref _gate);
        held?.Release();
        return old != 0;
    }
}
