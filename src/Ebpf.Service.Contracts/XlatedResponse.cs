namespace Ebpf.Service.Contracts;

/// <summary>A program's instructions as loaded, one text line each (<c>bpftool prog dump xlated</c>).</summary>
/// <param name="Lines">The lines.</param>
public sealed record XlatedResponse(string[] Lines);
