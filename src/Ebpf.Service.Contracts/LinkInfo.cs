namespace Ebpf.Service.Contracts;

/// <summary>An attached program, as <c>bpftool link show</c> lists one, with its verdict counters.</summary>
/// <param name="Id">The link's id.</param>
/// <param name="ProgramId">The attached program.</param>
/// <param name="Type">The attach type (<c>xdp</c>).</param>
/// <param name="Interface">The interface it is attached to.</param>
/// <param name="Peer">The bridged peer interface, if any.</param>
/// <param name="Passed">Packets the program passed.</param>
/// <param name="Dropped">Packets it dropped.</param>
/// <param name="Transmitted">Packets it sent back or to the peer.</param>
/// <param name="Aborted">Packets it aborted on.</param>
/// <param name="Detached">
/// Why a link the service persisted is not attached now (its pinned program was not restored, or its interface is
/// gone: <c>EBPF7011</c>), or null for an attached link. A detached link stays listed, and is tried again at the next
/// start, until <c>link detach</c> removes it.
/// </param>
public sealed record LinkInfo(uint Id, uint ProgramId, string Type, string Interface, string? Peer, long Passed, long Dropped, long Transmitted, long Aborted,
    DiagnosticBody? Detached = null);
