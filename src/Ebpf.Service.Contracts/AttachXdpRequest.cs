namespace Ebpf.Service.Contracts;

/// <summary>Attach an XDP program to an interface, inside the service (<c>bpftool net attach xdp</c>).</summary>
/// <param name="ProgramId">The program.</param>
/// <param name="Interface">The interface.</param>
/// <param name="Peer">Bridge to this interface (XDP_TX and XDP_PASS frames go out of it), or null.</param>
public sealed record AttachXdpRequest(uint ProgramId, string Interface, string? Peer = null);
