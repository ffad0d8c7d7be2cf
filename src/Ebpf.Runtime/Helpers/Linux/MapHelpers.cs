using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The map helpers (<c>bpf_map_lookup_elem</c> 1, <c>bpf_map_update_elem</c> 2, <c>bpf_map_delete_elem</c> 3):
/// r1 is a map handle, r2 points to a key of the map's key size, r3 to a value of its value size.
/// </summary>
internal static unsafe class MapHelpers
{
    public static ulong Lookup(HelperContext context, ulong map, ulong key, ulong _, ulong __, ulong ___) =>
        Resolve(context, map) is { } m && context.Require(key, (int)m.KeySize, false, "the key") ? m.LookupElement((byte*)key) : 0;

    public static ulong Update(HelperContext context, ulong map, ulong key, ulong value, ulong flags, ulong _) =>
        Resolve(context, map) is { } m && context.Require(key, (int)m.KeySize, false, "the key") && context.Require(value, (int)m.ValueSize, false, "the value")
            ? (ulong)m.UpdateElement((byte*)key, (byte*)value, flags)
            : Errno.Fault;

    public static ulong Delete(HelperContext context, ulong map, ulong key, ulong _, ulong __, ulong ___) =>
        Resolve(context, map) is { } m && context.Require(key, (int)m.KeySize, false, "the key") ? (ulong)m.DeleteElement((byte*)key) : Errno.Fault;

    /// <summary>The map r1 designates; a wild handle fails the run (the verifier makes it impossible).</summary>
    public static BpfMap? Resolve(HelperContext context, ulong handle)
    {
        var map = BpfMap.FromHandle(handle);
        if (map is null)
        {
            context.Fail($"0x{handle:x} is not a map");
        }

        return map;
    }
}
