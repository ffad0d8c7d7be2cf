using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ebpf.Runtime.Maps;

/// <summary>Typed conveniences over the span API, for unmanaged keys and values laid out as in C.</summary>
public abstract partial class BpfMap
{
    /// <summary>Copies the value of <paramref name="key"/>; false when there is none.</summary>
    public bool TryLookup<TKey, TValue>(in TKey key, out TValue value)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        value = default;
        return Lookup(Bytes(in key), MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref value, 1))) == MapError.None;
    }

    /// <summary>The value of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The map has no such key.</exception>
    public TValue Lookup<TKey, TValue>(in TKey key)
        where TKey : unmanaged
        where TValue : unmanaged =>
        TryLookup(in key, out TValue value) ? value : throw new KeyNotFoundException($"Map '{Name}' has no such key.");

    /// <summary>Creates or replaces the element.</summary>
    public MapError Update<TKey, TValue>(in TKey key, in TValue value, MapUpdateFlags flags = MapUpdateFlags.Any)
        where TKey : unmanaged
        where TValue : unmanaged =>
        Update(Bytes(in key), Bytes(in value), flags);

    /// <summary>Deletes the element.</summary>
    public MapError Delete<TKey>(in TKey key)
        where TKey : unmanaged =>
        Delete(Bytes(in key));

    /// <summary>Every CPU slot's value of <paramref name="key"/> in a per-CPU map (<typeparamref name="TValue"/> is <see cref="ValueSize"/> bytes); false when there is none.</summary>
    public bool TryLookupPercpu<TKey, TValue>(in TKey key, Span<TValue> values)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        var stride = PercpuStride<TValue>(values.Length);
        Span<byte> buffer = new byte[UserValueSize];
        if (Lookup(Bytes(in key), buffer) != MapError.None)
        {
            return false;
        }

        for (var cpu = 0; cpu < values.Length; cpu++)
        {
            values[cpu] = MemoryMarshal.Read<TValue>(buffer[(cpu * stride)..]);
        }

        return true;
    }

    /// <summary>Sets every CPU slot's value of <paramref name="key"/> in a per-CPU map.</summary>
    public MapError UpdatePercpu<TKey, TValue>(in TKey key, ReadOnlySpan<TValue> values, MapUpdateFlags flags = MapUpdateFlags.Any)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        var stride = PercpuStride<TValue>(values.Length);
        Span<byte> buffer = new byte[UserValueSize];
        for (var cpu = 0; cpu < values.Length; cpu++)
        {
            var value = values[cpu];
            MemoryMarshal.Write(buffer[(cpu * stride)..], in value);
        }

        return Update(Bytes(in key), buffer, flags);
    }

    private static ReadOnlySpan<byte> Bytes<T>(in T value)
        where T : unmanaged =>
        MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1));

    private int PercpuStride<TValue>(int count)
        where TValue : unmanaged
    {
        if (!MapDefinitionRules.IsPercpu(Type) || Unsafe.SizeOf<TValue>() != ValueSize || count != CpuCount)
        {
            throw new ArgumentException($"Map '{Name}' is {Type} with {CpuCount} slots of {ValueSize} bytes; got {count} values of {Unsafe.SizeOf<TValue>()} bytes.");
        }

        return UserValueSize / CpuCount;
    }
}
