using System.Collections.Immutable;
using Ebpf.Core.Abi;

namespace Ebpf.Core.Specs;

/// <summary>A map as read from an object or described by a user: plain data, no resources.</summary>
/// <param name="Name">The map's name (the variable name, or the section name for global data).</param>
/// <param name="Type">Its type.</param>
/// <param name="KeySize">Key size in bytes (0 for queues, stacks and ring buffers).</param>
/// <param name="ValueSize">Value size in bytes.</param>
/// <param name="MaxEntries">Capacity (bytes for ring buffers).</param>
/// <param name="Flags">Creation flags.</param>
public sealed record MapSpec(string Name, MapType Type, uint KeySize, uint ValueSize, uint MaxEntries, MapFlags Flags)
{
    /// <summary>Where the definition came from.</summary>
    public MapOrigin Origin { get; init; } = MapOrigin.User;

    /// <summary>The ELF section of the definition, if any.</summary>
    public string? SectionName { get; init; }

    /// <summary>Pinning requested by the definition.</summary>
    public MapPinning Pinning { get; init; }

    /// <summary>The definition of the inner maps, for maps of maps.</summary>
    public MapSpec? InnerMap { get; init; }

    /// <summary>The C type of the key as BTF names it (<c>struct flow_key</c>), if known.</summary>
    public string? KeyTypeName { get; init; }

    /// <summary>The C type of the value as BTF names it, if known.</summary>
    public string? ValueTypeName { get; init; }

    /// <summary>The BTF type id of the key, or 0.</summary>
    public int KeyTypeId { get; init; }

    /// <summary>The BTF type id of the value, or 0.</summary>
    public int ValueTypeId { get; init; }

    /// <summary>NUMA node requested, when <see cref="MapFlags.NumaNode"/> is set.</summary>
    public uint NumaNode { get; init; }

    /// <summary><c>map_extra</c> (bloom filter hash count, arena address).</summary>
    public ulong MapExtra { get; init; }

    /// <summary>Initial contents of global data maps (the single value of the array); empty otherwise.</summary>
    public ImmutableArray<byte> InitialValue { get; init; } = [];

    /// <summary>Initial slots of program arrays and maps of maps (<c>.values = { [0] = &amp;x }</c>): slot index to the name of a program or map.</summary>
    public ImmutableSortedDictionary<uint, string> InitialSlots { get; init; } = ImmutableSortedDictionary<uint, string>.Empty;

    /// <summary>True when programs may not write it (<c>.rodata</c>).</summary>
    public bool IsReadOnlyForPrograms => Flags.HasFlag(MapFlags.ReadOnlyProgram);
}
