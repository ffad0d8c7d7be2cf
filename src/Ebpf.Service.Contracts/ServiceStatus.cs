namespace Ebpf.Service.Contracts;

/// <summary>The service and what the caller may do.</summary>
/// <param name="Version">The service's version.</param>
/// <param name="ProcessId">The service's process id.</param>
/// <param name="CallerUid">The caller's uid, from the socket's peer credentials.</param>
/// <param name="CallerAccess"><c>write</c>, <c>read</c> or <c>none</c>.</param>
/// <param name="StateDirectory">Where pinned objects persist, or null when nothing persists.</param>
public sealed record ServiceStatus(string Version, int ProcessId, uint CallerUid, string CallerAccess, string? StateDirectory);
