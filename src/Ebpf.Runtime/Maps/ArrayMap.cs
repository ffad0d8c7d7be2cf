using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_ARRAY</c>: <c>max_entries</c> values of <c>round_up(value_size, 8)</c> bytes, indexed by a
/// u32 key, all present from creation (zeroed) and never deleted. Updates write in place without a lock,
/// as the kernel does: a reader racing a writer may see a mix of old and new bytes; programs use atomics.
/// Global data sections (<see cref="MapOrigin.GlobalData"/>) are one-element arrays holding
/// <see cref="MapSpec.InitialValue"/>.
/// </summary>
public sealed unsafe class ArrayMap : BpfMap
{
    private readonly OwnedMemory _values;
    private readonly byte* _base;
    private readonly ulong _stride;
    private readonly uint _maxEntries;
    private readonly uint _valueSize;
    private readonly ulong _mappedLength;

    internal ArrayMap(MapSpec spec, MapOptions options)
        : base(spec, options)
    {
        _maxEntries = spec.MaxEntries;
        _valueSize = spec.ValueSize;
        _stride = ArrayIndex.RoundUp8(spec.ValueSize);
        var page = (ulong)Environment.SystemPageSize;
        var length = _stride * _maxEntries;
        var mmapable = spec.Flags.HasFlag(MapFlags.Mmapable);
        _mappedLength = mmapable ? (length + page - 1) & ~(page - 1) : length;
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, _mappedLength, options));
        if (spec.InitialValue.Length > spec.ValueSize)
        {
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.InvalidMapDefinition,
                $"map '{spec.Name}' (Array): the initial value is {spec.InitialValue.Length} bytes, more than the value size {spec.ValueSize}",
                new DiagnosticLocation(Section: spec.SectionName))]);
        }

        _values = options.Storage.Allocate(spec, _mappedLength, mmapable ? (int)page : 64);
        _base = _values.Pointer;
        spec.InitialValue.AsSpan().CopyTo(new Span<byte>(_base, spec.InitialValue.Length));
        Regions = [ValueRegion(_values.Address, length)];
    }

    /// <inheritdoc />
    public override ImmutableArray<MemoryRegion> Regions { get; }

    /// <summary>The values as user space maps them (<c>mmap</c>, page-rounded), for <c>BPF_F_MMAPABLE</c> arrays such as global data; null otherwise.</summary>
    public MemoryRegion? MappedMemory =>
        Flags.HasFlag(MapFlags.Mmapable) ? new MemoryRegion(_values.Address, _mappedLength, !IsFrozen, $"map '{Name}' mmap") : null;

    /// <summary>The mapped values of a <c>BPF_F_MMAPABLE</c> array, read and written in place (as a skeleton's <c>bss</c> pointer).</summary>
    /// <exception cref="InvalidOperationException">The array is not <c>BPF_F_MMAPABLE</c>.</exception>
    public Span<byte> GetMappedSpan()
    {
        ThrowIfDisposed();
        if (!Flags.HasFlag(MapFlags.Mmapable))
        {
            throw new InvalidOperationException($"Map '{Name}' is not BPF_F_MMAPABLE.");
        }

        return new Span<byte>(_base, (int)Math.Min(_mappedLength, int.MaxValue));
    }

    /// <inheritdoc />
    public override ulong LookupElement(byte* key)
    {
        return ArrayIndex.TryRead(key, _maxEntries, out var index) ? (ulong)(_base + (index * _stride)) : 0;
    }

    /// <inheritdoc />
    public override long UpdateElement(byte* key, byte* value, ulong flags)
    {
        var error = ArrayIndex.ForUpdate(key, flags, _maxEntries, lockAllowed: true, out var index);
        if (error != MapError.None)
        {
            return -(long)error;
        }

        Buffer.MemoryCopy(value, _base + (index * _stride), _valueSize, _valueSize);
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

        Buffer.MemoryCopy(_base + (index * _stride), value, _valueSize, _valueSize);
        return MapError.None;
    }

    private protected override MapError UpdateCore(byte* key, byte* value, ulong flags) => (MapError)(-UpdateElement(key, value, flags));

    private protected override MapError DeleteCore(byte* key) => MapError.InvalidArgument;

    private protected override MapError GetNextKeyCore(byte* key, byte* nextKey) => ArrayIndex.NextKey(key, nextKey, _maxEntries);

    private protected override void DescribeHandle(byte* handle)
    {
        *(ulong*)(handle + MapHandleLayout.Values) = (ulong)_base;
        *(uint*)(handle + MapHandleLayout.ValueStride) = (uint)_stride;
    }

    private protected override void FreeResources() => _values.Dispose();
}
