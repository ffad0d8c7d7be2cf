namespace Ebpf.Hooks.Xdp.Capture;

/// <summary>A run of an XDP program over a capture: the input, and where each verdict's packets go (null: nowhere).</summary>
/// <param name="Input">A pcap or pcapng file of Ethernet frames.</param>
public sealed record XdpCaptureOptions(string Input)
{
    /// <summary>Capture for <c>XDP_PASS</c> packets.</summary>
    public string? Pass { get; init; }

    /// <summary>Capture for <c>XDP_DROP</c> packets.</summary>
    public string? Drop { get; init; }

    /// <summary>Capture for <c>XDP_TX</c> packets.</summary>
    public string? Tx { get; init; }

    /// <summary>Capture for <c>XDP_REDIRECT</c> packets.</summary>
    public string? Redirect { get; init; }

    /// <summary>Capture for <c>XDP_ABORTED</c> packets (faults and unknown verdicts included).</summary>
    public string? Aborted { get; init; }

    /// <summary>The <c>ingress_ifindex</c> programs see.</summary>
    public uint IngressIfindex { get; init; } = 1;

    /// <summary>The output file for <paramref name="action"/>, or null.</summary>
    public string? OutputFor(XdpAction action) => action switch
    {
        XdpAction.Pass => Pass,
        XdpAction.Drop => Drop,
        XdpAction.Tx => Tx,
        XdpAction.Redirect => Redirect,
        _ => Aborted,
    };
}
