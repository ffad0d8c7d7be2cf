namespace Ebpf.Service.Contracts;

/// <summary>A map dump: every element, in the map's iteration order.</summary>
/// <param name="Entries">The elements.</param>
public sealed record MapEntriesResponse(MapEntry[] Entries);
