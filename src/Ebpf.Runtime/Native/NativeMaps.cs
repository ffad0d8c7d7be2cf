using System.ComponentModel;
using System.Runtime.CompilerServices;
using Ebpf.Runtime.Compilation;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Native;

/// <summary>
/// Map operations as generated code performs them on a map it knows (the <c>lddw</c> before the call), the JIT's fast
/// paths: array and per-CPU array lookups computed from the map's handle block, hash lookups specialised for the key
/// size, other operations called on the map's own class directly. No helper context, no handle check: the verifier proved the
/// arguments, and <see cref="NativeProgram.Prepare"/> checked the maps are of the types the code assumed.
/// Not meant for hand-written code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeMaps
{
    /// <summary>An array's lookup: <c>index &lt; max_entries ? values + index * stride : 0</c>.</summary>
    /// <param name="map">The map's handle.</param>
    /// <param name="key">The address of the 4-byte index.</param>
    /// <returns>The value's address, or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ArrayLookup(ulong map, ulong key)
    {
        // The handle block's numbers are read, not compiled in: the map exists only once loaded, and its size may
        // have been changed before (LoadOptions.MaxEntries). They share one cache line with the handle itself.
        var block = (byte*)map;
        var index = *(uint*)key;
        return index < *(uint*)(block + MapHandleLayout.MaxEntries)
            ? *(ulong*)(block + MapHandleLayout.Values) + ((ulong)index * *(uint*)(block + MapHandleLayout.ValueStride))
            : 0;
    }

    /// <summary>A per-CPU array's lookup: the array's, in the block of the running thread's CPU.</summary>
    /// <param name="map">The map's handle.</param>
    /// <param name="key">The address of the 4-byte index.</param>
    /// <returns>The value's address, or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong PercpuArrayLookup(ulong map, ulong key)
    {
        // CPU 0's element, then the running thread's CPU block (the values of a present element are never at 0).
        var block = (byte*)map;
        var value = ArrayLookup(map, key);
        return value == 0 ? 0 : value + JitRuntime.CpuOffset(*(int*)(block + MapHandleLayout.CpuCount), *(ulong*)(block + MapHandleLayout.CpuStride));
    }

    /// <summary>A hash table's lookup (hash, LRU, per-CPU) for 4-byte keys.</summary>
    /// <param name="map">The map's handle.</param>
    /// <param name="key">The key's address.</param>
    /// <returns>The value's address, or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashLookup4(ulong map, ulong key) => HashTable(map).LookupElement<Key4>((byte*)key);

    /// <summary>A hash table's lookup for 8-byte keys.</summary>
    /// <param name="map">The map's handle.</param>
    /// <param name="key">The key's address.</param>
    /// <returns>The value's address, or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashLookup8(ulong map, ulong key) => HashTable(map).LookupElement<Key8>((byte*)key);

    /// <summary>A hash table's lookup for 16-byte keys.</summary>
    /// <param name="map">The map's handle.</param>
    /// <param name="key">The key's address.</param>
    /// <returns>The value's address, or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashLookup16(ulong map, ulong key) => HashTable(map).LookupElement<Key16>((byte*)key);

    /// <summary>A hash table's lookup for keys of any other size.</summary>
    /// <param name="map">The map's handle.</param>
    /// <param name="key">The key's address.</param>
    /// <returns>The value's address, or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashLookup(ulong map, ulong key) => HashTable(map).LookupElement<KeyOfAnySize>((byte*)key);

    /// <summary>
    /// The live map of a handle, as its own sealed class: generated code calls its program-side operations
    /// (<c>LookupElement</c>, <c>UpdateElement</c>, <c>DeleteElement</c>) directly, as the JIT does, with no virtual dispatch.
    /// </summary>
    /// <typeparam name="TMap">The class of the map (<see cref="NativeProgram.Prepare"/> checked the map's type).</typeparam>
    /// <param name="map">The map's handle.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TMap Map<TMap>(ulong map)
        where TMap : BpfMap => Unsafe.As<TMap>(MapTable.OfLiveHandle(map));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HashTableMap HashTable(ulong handle) => Unsafe.As<HashTableMap>(MapTable.OfLiveHandle(handle));
}
