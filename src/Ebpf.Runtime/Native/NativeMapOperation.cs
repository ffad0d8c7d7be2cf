namespace Ebpf.Runtime.Native;

/// <summary>
/// A map helper that generated code performs itself, on a map it knows from the <c>lddw</c> before the call, instead of
/// calling the helper (<see cref="NativeProgram.InlinedHelpers"/>).
/// </summary>
public enum NativeMapOperation
{
    /// <summary><c>bpf_map_lookup_elem</c>.</summary>
    Lookup,

    /// <summary><c>bpf_map_update_elem</c>.</summary>
    Update,

    /// <summary><c>bpf_map_delete_elem</c>.</summary>
    Delete,
}
