namespace Ebpf.Service.Contracts;

/// <summary>Create a map (<c>bpftool map create</c>).</summary>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its type as bpftool spells it (<c>array</c>, <c>hash</c>, <c>lru_hash</c>, ...).</param>
/// <param name="KeySize">Key size in bytes.</param>
/// <param name="ValueSize">Value size in bytes.</param>
/// <param name="MaxEntries">Capacity.</param>
/// <param name="Flags">Creation flags (<c>BPF_F_*</c>).</param>
public sealed record CreateMapRequest(string Name, string Type, uint KeySize, uint ValueSize, uint MaxEntries, uint Flags = 0);
