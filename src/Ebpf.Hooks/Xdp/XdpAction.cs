namespace Ebpf.Hooks.Xdp;

/// <summary>What an XDP program decided for a packet: <c>enum xdp_action</c> of <c>linux/bpf.h</c>.</summary>
public enum XdpAction
{
    /// <summary><c>XDP_ABORTED</c>: the program failed; the packet is dropped (also any return value Linux does not know, and a fault).</summary>
    Aborted = 0,

    /// <summary><c>XDP_DROP</c>: discard the packet.</summary>
    Drop = 1,

    /// <summary><c>XDP_PASS</c>: hand the packet on (to the stack, or here to the peer interface).</summary>
    Pass = 2,

    /// <summary><c>XDP_TX</c>: send the packet back out of the interface it came in on.</summary>
    Tx = 3,

    /// <summary><c>XDP_REDIRECT</c>: send the packet where <c>bpf_redirect</c> or <c>bpf_redirect_map</c> chose.</summary>
    Redirect = 4,
}
