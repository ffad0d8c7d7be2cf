namespace Ebpf.Runtime.Helpers;

/// <summary>A helper as registered: its Linux number, its name, and its implementation.</summary>
/// <param name="Id">The number programs call it by (<c>call 1</c> is <c>bpf_map_lookup_elem</c> in Linux).</param>
/// <param name="Name">Its name, for messages and listings.</param>
/// <param name="Function">The implementation.</param>
public sealed record HelperDefinition(int Id, string Name, HelperFunction Function);
