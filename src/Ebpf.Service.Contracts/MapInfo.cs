namespace Ebpf.Service.Contracts;

/// <summary>A live map, as <c>bpftool map show</c> lists one.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its map type (<c>array</c>, <c>hash</c>, ...).</param>
/// <param name="KeySize">Key size in bytes.</param>
/// <param name="ValueSize">Value size in bytes as programs see one value.</param>
/// <param name="UserValueSize">Value size in bytes as lookups and updates carry it (all CPUs' values for per-CPU maps).</param>
/// <param name="MaxEntries">Capacity.</param>
/// <param name="Flags">Creation flags (<c>BPF_F_*</c>).</param>
/// <param name="Pins">Where it is pinned.</param>
public sealed record MapInfo(uint Id, string Name, string Type, uint KeySize, uint ValueSize, int UserValueSize, uint MaxEntries, uint Flags, string[] Pins);
