using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// The keyless maps, <see cref="QueueMap"/> and <see cref="StackMap"/>: up to <c>max_entries</c> values;
/// they differ only in which end pop and peek take. Push with <see cref="MapUpdateFlags.Exist"/> on a full map drops the oldest element to make room; without it
/// a full map answers <see cref="MapError.TooBig"/>. User space pushes with <see cref="BpfMap.Push"/> (or an
/// update with an empty key), pops with <see cref="BpfMap.Pop"/> (lookup-and-delete) and peeks with
/// <see cref="BpfMap.Peek"/> (lookup); keyed operations answer <see cref="MapError.InvalidArgument"/>, as Linux.
/// </summary>
public abstract unsafe class QueueStackMap : BpfMap
{
    private readonly QueueStackStore _store;
    private readonly bool _newest;

    private protected QueueStackMap(MapSpec spec, MapOptions options, bool newest)
        : base(spec, options)
    {
        _newest = newest;
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, QueueStackStore.NativeBytes(spec.ValueSize, spec.MaxEntries), options));
        _store = new QueueStackStore(spec.ValueSize, spec.MaxEntries);
    }

    /// <inheritdoc />
    public override long UpdateElement(byte* key, byte* value, ulong flags) => Invalid;

    /// <inheritdoc />
    public override long DeleteElement(byte* key) => Invalid;

    /// <inheritdoc />
    public override long PushElement(byte* value, ulong flags) => -(long)_store.Push(value, flags);

    /// <inheritdoc />
    public override long PopElement(byte* value) => -(long)_store.Take(value, _newest, remove: true);

    /// <inheritdoc />
    public override long PeekElement(byte* value) => -(long)_store.Take(value, _newest, remove: false);

    private protected override MapError LookupCore(byte* key, byte* value) => _store.Take(value, _newest, remove: false);

    private protected override MapError UpdateCore(byte* key, byte* value, ulong flags) => _store.Push(value, flags);

    private protected override MapError LookupAndDeleteCore(byte* key, byte* value) => _store.Take(value, _newest, remove: true);

    private protected override MapError DeleteCore(byte* key) => MapError.InvalidArgument;

    private protected override MapError GetNextKeyCore(byte* key, byte* nextKey) => MapError.InvalidArgument;

    private protected override void FreeResources() => _store.Dispose();
}
