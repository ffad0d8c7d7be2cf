namespace Ebpf.Runtime.Maps;

/// <summary>Program-side operations: what helpers call with the raw pointers a program passes.</summary>
/// <remarks>
/// These never allocate and never throw; results are Linux's: an address or 0, or 0 / a negative errno
/// (<c>-(long)</c><see cref="MapError"/>). Pointers are trusted: the verifier (or the checked mode's
/// helper glue) makes sure they cover the key and value sizes. Per-CPU maps use the slot of
/// <see cref="ExecutionCpu.Current"/>.
/// </remarks>
public abstract unsafe partial class BpfMap
{
    /// <summary>Errno of <see cref="MapError.NotSupported"/>, negated: the answer for operations a map type does not have.</summary>
    private protected const long NotSupported = -(long)MapError.NotSupported;

    /// <summary>Errno of <see cref="MapError.InvalidArgument"/>, negated.</summary>
    private protected const long Invalid = -(long)MapError.InvalidArgument;

    /// <summary><c>bpf_map_lookup_elem</c>: the address of the value for <paramref name="key"/> (this CPU's slot for per-CPU maps; an inner map's handle for maps of maps), or 0.</summary>
    public virtual ulong LookupElement(byte* key) => 0;

    /// <summary><c>bpf_map_update_elem</c>: 0 or a negative errno. Per-CPU maps write this CPU's slot only.</summary>
    public virtual long UpdateElement(byte* key, byte* value, ulong flags) => NotSupported;

    /// <summary><c>bpf_map_delete_elem</c>: 0 or a negative errno.</summary>
    public virtual long DeleteElement(byte* key) => NotSupported;

    /// <summary><c>bpf_map_push_elem</c> (queues, stacks): 0 or a negative errno.</summary>
    public virtual long PushElement(byte* value, ulong flags) => NotSupported;

    /// <summary><c>bpf_map_pop_elem</c> (queues, stacks): copies the value out and removes it; 0 or a negative errno.</summary>
    public virtual long PopElement(byte* value) => NotSupported;

    /// <summary><c>bpf_map_peek_elem</c> (queues, stacks): copies the value out; 0 or a negative errno.</summary>
    public virtual long PeekElement(byte* value) => NotSupported;

    /// <summary><c>bpf_map_lookup_percpu_elem</c>: the address of <paramref name="cpu"/>'s slot of the value, or 0 (not a per-CPU map, no such key, or a CPU at or above <see cref="CpuCount"/>).</summary>
    public virtual ulong LookupPercpuElement(byte* key, uint cpu) => 0;
}
