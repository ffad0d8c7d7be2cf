namespace Ebpf.Core.Specs;

/// <summary>Where a map definition came from.</summary>
public enum MapOrigin
{
    /// <summary>A BTF-defined map in <c>.maps</c>.</summary>
    BtfMaps,
    /// <summary>A <c>struct bpf_map_def</c> in the legacy <c>maps</c> section.</summary>
    LegacyMaps,
    /// <summary>A global data section (<c>.data</c>, <c>.rodata</c>, <c>.bss</c>, ...), held as a one-entry array map.</summary>
    GlobalData,
    /// <summary>Created by the user, not read from an object.</summary>
    User,
}
