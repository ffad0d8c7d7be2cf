namespace Ebpf.Runtime.Maps;

/// <summary>
/// The native block every live map owns: its address is the map's <see cref="BpfMap.Handle"/>, what
/// <c>lddw rX, map</c> loads and what helpers receive as their map argument. Engines may read the fields
/// to inline operations (an array lookup is <c>index &lt; MaxEntries ? Values + index * ValueStride : 0</c>).
/// </summary>
/// <remarks>
/// <code>
/// offset  size  field
///      0     4  Id           map id (never reused while the process runs); 0 once the map is freed
///      4     4  Type         MapType (Linux numbering)
///      8     4  KeySize
///     12     4  ValueSize
///     16     4  MaxEntries
///     20     4  Flags        MapFlags
///     24     8  Values       arrays: address of element 0's value (per-CPU arrays: in CPU 0's block); 0 otherwise
///     32     4  ValueStride  arrays: bytes between elements, round_up(ValueSize, 8)
///     36     4  CpuCount     per-CPU slots
///     40     8  CpuStride    per-CPU arrays: bytes between the blocks of two CPUs
///     48     4  Slot         index of the map in the live-map table (handle = table base + Slot * Size)
///     52    12  reserved, zero
/// </code>
/// All handles lie in one table of <see cref="Size"/>-byte slots, so <see cref="BpfMap.FromHandle"/> maps
/// an address back to its map by arithmetic, without reading the address.
/// </remarks>
public static class MapHandleLayout
{
    /// <summary>Bytes of one handle block.</summary>
    public const int Size = 64;

    /// <summary>Offset of the map id (u32).</summary>
    public const int Id = 0;

    /// <summary>Offset of the map type (u32).</summary>
    public const int Type = 4;

    /// <summary>Offset of the key size (u32).</summary>
    public const int KeySize = 8;

    /// <summary>Offset of the value size (u32).</summary>
    public const int ValueSize = 12;

    /// <summary>Offset of the capacity (u32).</summary>
    public const int MaxEntries = 16;

    /// <summary>Offset of the creation flags (u32).</summary>
    public const int Flags = 20;

    /// <summary>Offset of the address of array values (u64).</summary>
    public const int Values = 24;

    /// <summary>Offset of the distance between array values (u32).</summary>
    public const int ValueStride = 32;

    /// <summary>Offset of the per-CPU slot count (u32).</summary>
    public const int CpuCount = 36;

    /// <summary>Offset of the distance between per-CPU blocks of a per-CPU array (u64).</summary>
    public const int CpuStride = 40;

    /// <summary>Offset of the slot index in the live-map table (u32).</summary>
    public const int Slot = 48;
}
