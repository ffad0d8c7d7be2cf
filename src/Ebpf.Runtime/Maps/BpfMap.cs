using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// A live map: native memory that programs reach by real addresses and user space reaches through
/// spans, with Linux's semantics (flags, errors, capacity, iteration) for each <see cref="MapType"/>.
/// </summary>
/// <remarks>
/// <para>Maps are safe under concurrent use by many program threads and user space without a global
/// lock: arrays write values in place, hash maps take striped bucket locks for writes and read without
/// locks, and tries, queues, stacks and ring buffers take a per-map spin lock, as the kernel does.</para>
/// <para>Elements are preallocated: a value address handed to a program stays valid (and holds the
/// element's value) until the map is freed; a deleted element returns to a free list and may be reused,
/// as with the kernel's preallocated maps.</para>
/// <para>A map lives until it is disposed and no map of maps holds it; the table of live maps keeps it
/// reachable meanwhile, so that <see cref="Handle"/> stays valid for programs.</para>
/// </remarks>
public abstract unsafe partial class BpfMap : IDisposable
{
    private readonly int _userAccess;
    private byte* _handle;
    private int _slot = -1;
    private int _references = 1;
    private int _disposed;
    private int _frozen;

    private protected BpfMap(MapSpec spec, MapOptions options)
    {
        Spec = spec;
        CpuCount = MapDefinitionRules.IsPercpu(spec.Type) ? options.CpuCount : 1;
        _userAccess = spec.Flags.HasFlag(MapFlags.ReadOnly) ? 1 : spec.Flags.HasFlag(MapFlags.WriteOnly) ? 2 : 0;
    }

    /// <summary>The definition the map was created from.</summary>
    public MapSpec Spec { get; }

    /// <summary>The map's name.</summary>
    public string Name => Spec.Name;

    /// <summary>The map's type.</summary>
    public MapType Type => Spec.Type;

    /// <summary>Key size in bytes.</summary>
    public uint KeySize => Spec.KeySize;

    /// <summary>Value size in bytes, as programs see one value.</summary>
    public uint ValueSize => Spec.ValueSize;

    /// <summary>Capacity (bytes for ring buffers).</summary>
    public uint MaxEntries => Spec.MaxEntries;

    /// <summary>Creation flags.</summary>
    public MapFlags Flags => Spec.Flags;

    /// <summary>Per-CPU slots of each value: <see cref="MapOptions.CpuCount"/> for per-CPU maps, 1 otherwise.</summary>
    public int CpuCount { get; }

    /// <summary>Bytes of a value on the user side: <c>CpuCount * round_up(ValueSize, 8)</c> for per-CPU maps (as libbpf), 4 (an id) for maps of maps and program arrays, <see cref="ValueSize"/> otherwise.</summary>
    public virtual int UserValueSize => (int)ValueSize;

    /// <summary>The map's id, unique for the life of the process (as <c>bpftool map show</c> lists ids).</summary>
    public uint Id { get; private set; }

    /// <summary>The address of the map's handle block (<see cref="MapHandleLayout"/>): what programs hold as the map pointer.</summary>
    public ulong Handle => (ulong)_handle;

    /// <summary>The map's value memory, for the interpreter's checked mode; writable unless <c>BPF_F_RDONLY_PROG</c>.</summary>
    public virtual ImmutableArray<MemoryRegion> Regions => [];

    /// <summary>True when <see cref="Freeze"/> was called: user space may no longer write.</summary>
    public bool IsFrozen => Volatile.Read(ref _frozen) != 0;

    /// <summary>Creates a live map, validated as Linux validates map creation.</summary>
    /// <exception cref="DiagnosticException">The definition is refused (<see cref="DiagnosticCode.InvalidMapDefinition"/>, <see cref="DiagnosticCode.MapTooLarge"/>, <see cref="DiagnosticCode.UnsupportedMapType"/>).</exception>
    public static BpfMap Create(MapSpec spec, MapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= MapOptions.Default;
        options.Validate();
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.Check(spec));
        BpfMap map = spec.Type switch
        {
            MapType.Array => new ArrayMap(spec, options),
            MapType.PercpuArray => new PercpuArrayMap(spec, options),
            MapType.Hash => new HashMap(spec, options),
            MapType.PercpuHash => new PercpuHashMap(spec, options),
            MapType.LruHash => new LruHashMap(spec, options),
            MapType.LruPercpuHash => new LruPercpuHashMap(spec, options),
            MapType.LpmTrie => new LpmTrieMap(spec, options),
            MapType.Queue => new QueueMap(spec, options),
            MapType.Stack => new StackMap(spec, options),
            MapType.Ringbuf => new RingBufMap(spec, options),
            MapType.Devmap => new DevMap(spec, options),
            MapType.ProgArray => new ProgArrayMap(spec, options),
            MapType.ArrayOfMaps => new ArrayOfMaps(spec, options),
            MapType.HashOfMaps => new HashOfMaps(spec, options),
            _ => throw new UnreachableException($"{spec.Type} passed the definition checks"),
        };
        map.Publish();
        return map;
    }

    /// <summary>The live map whose handle is <paramref name="address"/>, or null. Fast, and safe for any address: it is never read.</summary>
    public static BpfMap? FromHandle(ulong address) => MapTable.FromHandle(address);

    /// <summary>The live map with this id, or null.</summary>
    public static BpfMap? FromId(uint id) => MapTable.FromId(id);

    /// <summary>True when <paramref name="size"/> bytes at <paramref name="address"/> lie in the map's value memory.</summary>
    public bool Contains(ulong address, int size)
    {
        foreach (var region in Regions)
        {
            if (region.Contains(address, size))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Makes the map read-only for user space (<c>BPF_MAP_FREEZE</c>); programs may still write it.</summary>
    public MapError Freeze()
    {
        ThrowIfDisposed();
        Volatile.Write(ref _frozen, 1);
        return MapError.None;
    }

    /// <summary>Releases the creator's reference; the memory is freed once no map of maps holds the map either.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
        }

        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id}: {Type} '{Name}' key {KeySize}B value {ValueSize}B max_entries {MaxEntries}";

    /// <summary>Takes a reference for a holder such as a map of maps; false when the map is already freed.</summary>
    internal bool TryRetain()
    {
        var count = Volatile.Read(ref _references);
        while (count > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, count + 1, count);
            if (seen == count)
            {
                return true;
            }

            count = seen;
        }

        return false;
    }

    /// <summary>Drops a reference; the last one frees the map.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            if (_slot >= 0)
            {
                MapTable.Unregister(_slot, Id);
            }

            _handle = null;
            FreeResources();
        }
    }

    /// <summary>Frees native memory and drops references to other objects; called once, when the last reference goes.</summary>
    private protected abstract void FreeResources();

    /// <summary>Writes type-specific fields of the handle block (array value addresses).</summary>
    private protected virtual void DescribeHandle(byte* handle)
    {
    }

    /// <summary>The slot of the current thread's CPU in per-CPU values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected int CurrentCpu()
    {
        var cpu = (uint)ExecutionCpu.Current;
        var count = (uint)CpuCount;
        return (int)(cpu < count ? cpu : cpu % count);
    }

    /// <summary>The region of a value block as programs may use it.</summary>
    private protected MemoryRegion ValueRegion(ulong start, ulong length, string what = "values") =>
        new(start, length, !Spec.IsReadOnlyForPrograms, $"map '{Name}' {what}");

    private protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private void Publish()
    {
        if (!MapTable.TryRegister(this, out var slot, out var id, out var handle))
        {
            FreeResources();
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.MapTooLarge, $"map '{Name}': more than {MapTable.Capacity} maps are alive", new DiagnosticLocation(Section: Spec.SectionName))]);
        }

        _slot = slot;
        Id = id;
        _handle = handle;
        *(uint*)(handle + MapHandleLayout.Id) = id;
        *(uint*)(handle + MapHandleLayout.Type) = (uint)Type;
        *(uint*)(handle + MapHandleLayout.KeySize) = KeySize;
        *(uint*)(handle + MapHandleLayout.ValueSize) = ValueSize;
        *(uint*)(handle + MapHandleLayout.MaxEntries) = MaxEntries;
        *(uint*)(handle + MapHandleLayout.Flags) = (uint)Flags;
        *(uint*)(handle + MapHandleLayout.CpuCount) = (uint)CpuCount;
        *(uint*)(handle + MapHandleLayout.Slot) = (uint)slot;
        DescribeHandle(handle);
        MapTable.Publish(this, slot);
    }
}
