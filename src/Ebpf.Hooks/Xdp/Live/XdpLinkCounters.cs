namespace Ebpf.Hooks.Xdp.Live;

/// <summary>What an attachment has done so far, summed over its workers.</summary>
/// <param name="Verdicts">Frames that arrived on the interface, per verdict (and those skipped for their size).</param>
/// <param name="FromPeer">Frames that arrived on the peer and went out of the interface.</param>
/// <param name="SendErrors">Frames the kernel refused to send (a full queue, an interface that is down or gone).</param>
public sealed record XdpLinkCounters(XdpCounters Verdicts, long FromPeer, long SendErrors);
