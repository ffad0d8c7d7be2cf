using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_DEVMAP</c>: <c>max_entries</c> slots of network devices by u32 index, where XDP programs send
/// packets with <c>bpf_redirect_map</c> (<c>kernel/bpf/devmap.c</c>). A value is <c>struct bpf_devmap_val</c>: the
/// device's ifindex (value size 4), optionally followed by a program to run on redirected packets (value size 8:
/// <c>bpf_prog.fd</c> on update, <c>bpf_prog.id</c> on lookup).
/// </summary>
/// <remarks>
/// <para>As Linux: slots start empty; an update with ifindex 0 empties its slot; <c>BPF_NOEXIST</c> answers
/// <see cref="MapError.Exists"/> (after <see cref="MapError.TooBig"/> for an index past the end); deleting an empty
/// slot succeeds and deleting past the end is <see cref="MapError.InvalidArgument"/>; get-next-key walks every
/// index, as with arrays. Programs may look slots up and read them, never write them: the map is
/// <c>BPF_F_RDONLY_PROG</c>, which Linux adds to its flags.</para>
/// <para>Differences: the runtime keeps no table of network devices, so any nonzero ifindex is accepted (Linux
/// refuses one naming no device with <c>EINVAL</c>); and maps do not hold programs, so an entry naming one
/// (<c>bpf_prog.fd</c> above 0) is refused with <see cref="MapError.InvalidArgument"/>, and lookups report
/// program id 0.</para>
/// </remarks>
public sealed unsafe class DevMap : BpfMap
{
    private const int Stride = 8;
    private readonly NativeBlock _slots;
    private readonly byte* _base;
    private readonly uint _maxEntries;

    internal DevMap(MapSpec spec, MapOptions options)
        : base(spec with { Flags = spec.Flags | MapFlags.ReadOnlyProgram }, options)
    {
        _maxEntries = spec.MaxEntries;
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, (ulong)Stride * _maxEntries, options));
        _slots = new NativeBlock((ulong)Stride * _maxEntries);
        _base = _slots.Pointer;
        Regions = [ValueRegion(_slots.Address, _slots.Length, "devices")];
    }

    /// <inheritdoc />
    public override ImmutableArray<MemoryRegion> Regions { get; }

    /// <summary>The ifindex in slot <paramref name="index"/>, or 0 when it is empty or past the end.</summary>
    public uint Ifindex(uint index) => index < _maxEntries ? Volatile.Read(ref *(uint*)Slot(index)) : 0;

    /// <inheritdoc />
    public override ulong LookupElement(byte* key)
    {
        var index = ArrayIndex.Read(key);
        return Ifindex(index) != 0 ? (ulong)Slot(index) : 0;
    }

    private protected override MapError LookupCore(byte* key, byte* value)
    {
        var index = ArrayIndex.Read(key);
        var ifindex = Ifindex(index);
        if (ifindex == 0)
        {
            return MapError.NotFound;
        }

        Unsafe.WriteUnaligned(value, ifindex);
        if (ValueSize == 8)
        {
            Unsafe.WriteUnaligned(value + 4, 0u); // bpf_prog.id: no program
        }

        return MapError.None;
    }

    /// <summary><c>__dev_map_update_elem</c>: flags, index and <c>BPF_NOEXIST</c> checks in the kernel's order, then the value.</summary>
    private protected override MapError UpdateCore(byte* key, byte* value, ulong flags)
    {
        var index = ArrayIndex.Read(key);
        var error = ArrayIndex.CheckUpdate(index, flags, _maxEntries, lockAllowed: false);
        if (error != MapError.None)
        {
            return error;
        }

        var ifindex = Unsafe.ReadUnaligned<uint>(value);
        var program = ValueSize == 8 ? Unsafe.ReadUnaligned<int>(value + 4) : -1;
        if (program > 0)
        {
            return MapError.InvalidArgument;
        }

        Volatile.Write(ref *(uint*)Slot(index), ifindex);
        return MapError.None;
    }

    private protected override MapError DeleteCore(byte* key)
    {
        var index = ArrayIndex.Read(key);
        if (index >= _maxEntries)
        {
            return MapError.InvalidArgument;
        }

        Volatile.Write(ref *(uint*)Slot(index), 0u);
        return MapError.None;
    }

    private protected override MapError GetNextKeyCore(byte* key, byte* nextKey) => ArrayIndex.NextKey(key, nextKey, _maxEntries);

    private protected override void FreeResources() => _slots.Dispose();

    private byte* Slot(uint index) => _base + ((ulong)index * Stride);
}
