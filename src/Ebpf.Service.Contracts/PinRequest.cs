namespace Ebpf.Service.Contracts;

/// <summary>Pin a program or a map at a path (<c>bpftool prog pin</c>, <c>map pin</c>).</summary>
/// <param name="Path">An absolute path such as <c>/sys/fs/bpf/counters</c>.</param>
/// <param name="Kind"><see cref="PinInfo.ProgramKind"/> or <see cref="PinInfo.MapKind"/>.</param>
/// <param name="Id">The object's id.</param>
public sealed record PinRequest(string Path, string Kind, uint Id);
