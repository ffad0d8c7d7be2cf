using Ebpf.Core.Abi;
using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>Whether a map may be stored in a map of maps: Linux's <c>bpf_map_meta_equal</c> against the inner map definition.</summary>
internal static class InnerMapRules
{
    /// <summary>
    /// Same type, key size, value size and flags; arrays also need the same <c>max_entries</c> unless the
    /// definition has <c>BPF_F_INNER_MAP</c> (<c>array_map_meta_equal</c>).
    /// </summary>
    public static bool Matches(MapSpec template, BpfMap candidate) =>
        candidate.Type == template.Type
        && candidate.KeySize == template.KeySize
        && candidate.ValueSize == template.ValueSize
        && candidate.Flags == template.Flags
        && (template.Type is not (MapType.Array or MapType.PercpuArray)
            || template.Flags.HasFlag(MapFlags.InnerMap)
            || candidate.MaxEntries == template.MaxEntries);

    /// <summary>Checks <paramref name="candidate"/> and takes a reference on it for the outer map.</summary>
    public static MapError Retain(MapSpec template, BpfMap candidate) =>
        !Matches(template, candidate) ? MapError.InvalidArgument
        : candidate.TryRetain() ? MapError.None
        : MapError.BadDescriptor;
}
