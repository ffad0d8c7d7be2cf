namespace Ebpf.Service.Contracts;

/// <summary>An update (<c>BPF_MAP_UPDATE_ELEM</c>).</summary>
/// <param name="Key">The key's bytes.</param>
/// <param name="Value">The value's bytes (all CPUs' values for per-CPU maps).</param>
/// <param name="Flags"><c>BPF_ANY</c> (0), <c>BPF_NOEXIST</c> (1) or <c>BPF_EXIST</c> (2).</param>
public sealed record MapUpdateRequest(byte[] Key, byte[] Value, ulong Flags = 0);
