namespace Ebpf.Service.Contracts;

/// <summary>
/// An attached program, as <c>bpftool link show</c> lists one, with its counters: an <c>xdp</c> link's verdicts, or an
/// <c>exec</c> link's socket calls. Fields after <paramref name="Detached"/> were added within <c>/v1</c> and are absent
/// (null) for links they do not describe; clients of the first <c>/v1</c> ignore them.
/// </summary>
/// <param name="Id">The link's id.</param>
/// <param name="ProgramId">The attached program.</param>
/// <param name="Type">The attach type: <c>xdp</c>, or <c>exec</c> (socket address programs on a command's process tree).</param>
/// <param name="Interface">The interface it is attached to (null for an <c>exec</c> link).</param>
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
/// <param name="ProgramIds">An <c>exec</c> link's programs (<paramref name="ProgramId"/> is the first).</param>
/// <param name="ProcessId">An <c>exec</c> link's command, by the pid its caller gave.</param>
/// <param name="Command">That command's name (<c>/proc/PID/comm</c> when attached).</param>
/// <param name="Calls">An <c>exec</c> link's socket calls so far.</param>
public sealed record LinkInfo(uint Id, uint ProgramId, string Type, string? Interface, string? Peer, long Passed, long Dropped, long Transmitted, long Aborted,
    DiagnosticBody? Detached = null, uint[]? ProgramIds = null, int? ProcessId = null, string? Command = null, SocketCallCounts? Calls = null);
