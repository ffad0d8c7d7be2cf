using System.Collections.Immutable;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_PERCPU_ARRAY</c>: an array with one value per CPU slot. Programs see the slot of
/// <see cref="ExecutionCpu.Current"/>; user space sees all slots, <c>round_up(value_size, 8)</c> bytes each.
/// </summary>
/// <remarks>Each CPU's values form one block (<see cref="MapHandleLayout.CpuStride"/> apart, cache-line aligned), so CPUs never share a cache line.</remarks>
public sealed unsafe class PercpuArrayMap : BpfMap
{
    private readonly OwnedMemory _values;
    private readonly byte* _base;
    private readonly ulong _stride;
    private readonly ulong _cpuStride;
    private readonly uint _maxEntries;
    private readonly uint _valueSize;

    internal PercpuArrayMap(MapSpec spec, MapOptions options)
        : base(spec, options)
    {
        _maxEntries = spec.MaxEntries;
        _valueSize = spec.ValueSize;
        _stride = ArrayIndex.RoundUp8(spec.ValueSize);
        _cpuStride = ((_stride * _maxEntries) + 63) & ~63UL;
        var length = _cpuStride * (ulong)CpuCount;
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, length, options));
        _values = options.Storage.Allocate(spec, length, 64);
        _base = _values.Pointer;
        Regions = [ValueRegion(_values.Address, length)];
    }

    /// <inheritdoc />
    public override int UserValueSize => CpuCount * (int)_stride;

    /// <inheritdoc />
    public override ImmutableArray<MemoryRegion> Regions { get; }

    /// <inheritdoc />
    public override ulong LookupElement(byte* key)
    {
        return ArrayIndex.TryRead(key, _maxEntries, out var index) ? (ulong)Slot(index, CurrentCpu()) : 0;
    }

    /// <inheritdoc />
    public override ulong LookupPercpuElement(byte* key, uint cpu)
    {
        return ArrayIndex.TryRead(key, _maxEntries, out var index) && cpu < (uint)CpuCount ? (ulong)Slot(index, (int)cpu) : 0;
    }

    /// <inheritdoc />
    public override long UpdateElement(byte* key, byte* value, ulong flags)
    {
        var error = ArrayIndex.ForUpdate(key, flags, _maxEntries, lockAllowed: false, out var index);
        if (error != MapError.None)
        {
            return -(long)error;
        }

        Buffer.MemoryCopy(value, Slot(index, CurrentCpu()), _valueSize, _valueSize);
        return 0;
    }

    /// <inheritdoc />
    public override long DeleteElement(byte* key) => Invalid;

    private protected override MapError LookupCore(byte* key, byte* value)
    {
        if (!ArrayIndex.TryRead(key, _maxEntries, out var index))
        {
            return MapError.NotFound;
        }

        for (var cpu = 0; cpu < CpuCount; cpu++)
        {
            Buffer.MemoryCopy(Slot(index, cpu), value + ((ulong)cpu * _stride), _stride, _stride);
        }

        return MapError.None;
    }

    private protected override MapError UpdateCore(byte* key, byte* value, ulong flags)
    {
        var error = ArrayIndex.ForUpdate(key, flags, _maxEntries, lockAllowed: false, out var index);
        if (error != MapError.None)
        {
            return error;
        }

        for (var cpu = 0; cpu < CpuCount; cpu++)
        {
            Buffer.MemoryCopy(value + ((ulong)cpu * _stride), Slot(index, cpu), _stride, _stride);
        }

        return MapError.None;
    }

    private protected override MapError DeleteCore(byte* key) => MapError.InvalidArgument;

    private protected override MapError GetNextKeyCore(byte* key, byte* nextKey) => ArrayIndex.NextKey(key, nextKey, _maxEntries);

    private protected override void DescribeHandle(byte* handle)
    {
        *(ulong*)(handle + MapHandleLayout.Values) = (ulong)_base;
        *(uint*)(handle + MapHandleLayout.ValueStride) = (uint)_stride;
        *(ulong*)(handle + MapHandleLayout.CpuStride) = _cpuStride;
    }

    private protected override void FreeResources() => _values.Dispose();

    private byte* Slot(uint index, int cpu) => _base + ((ulong)cpu * _cpuStride) + (index * _stride);
}
