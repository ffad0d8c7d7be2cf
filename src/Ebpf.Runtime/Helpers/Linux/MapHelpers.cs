using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The map helpers (<c>bpf_map_lookup_elem</c> 1, <c>bpf_map_update_elem</c> 2, <c>bpf_map_delete_elem</c> 3,
/// <c>bpf_map_push_elem</c> 87, <c>bpf_map_pop_elem</c> 88, <c>bpf_map_peek_elem</c> 89,
/// <c>bpf_map_lookup_percpu_elem</c> 195): r1 is a map handle, r2 points to a key of the map's key size or to a
/// value of its value size.
/// </summary>
/// <remarks>
/// The verifier lets push, pop and peek reach queues and stacks only; an unverified program that calls them on
/// another map type gets <c>-EINVAL</c>. A lookup of a per-CPU value on a map that is not per-CPU, or for a CPU
/// at or past the map's CPU count, gives null, as the kernel's <c>cpu &gt;= nr_cpu_ids</c> check.
/// </remarks>
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

    public static ulong Push(HelperContext context, ulong map, ulong value, ulong flags, ulong _, ulong __) =>
        Resolve(context, map) is not { } m ? Errno.Fault
        : !IsQueueOrStack(m) ? Errno.Invalid
        : context.Require(value, (int)m.ValueSize, false, "the value") ? (ulong)m.PushElement((byte*)value, flags)
        : Errno.Fault;

    public static ulong Pop(HelperContext context, ulong map, ulong value, ulong _, ulong __, ulong ___) =>
        Resolve(context, map) is not { } m ? Errno.Fault
        : !IsQueueOrStack(m) ? Errno.Invalid
        : context.Require(value, (int)m.ValueSize, true, "the value") ? (ulong)m.PopElement((byte*)value)
        : Errno.Fault;

    public static ulong Peek(HelperContext context, ulong map, ulong value, ulong _, ulong __, ulong ___) =>
        Resolve(context, map) is not { } m ? Errno.Fault
        : !IsQueueOrStack(m) ? Errno.Invalid
        : context.Require(value, (int)m.ValueSize, true, "the value") ? (ulong)m.PeekElement((byte*)value)
        : Errno.Fault;

    /// <summary>The CPU is a u32 in the kernel's prototype, so only the low half of r3 counts.</summary>
    public static ulong LookupPercpu(HelperContext context, ulong map, ulong key, ulong cpu, ulong _, ulong __) =>
        Resolve(context, map) is { } m && context.Require(key, (int)m.KeySize, false, "the key") ? m.LookupPercpuElement((byte*)key, (uint)cpu) : 0;

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

    private static bool IsQueueOrStack(BpfMap map) => map.Type is MapType.Queue or MapType.Stack;
}
