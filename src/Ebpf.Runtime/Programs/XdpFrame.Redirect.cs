using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Programs;

/// <summary>
/// Where the program asked for the packet to go, as the kernel's per-CPU <c>struct bpf_redirect_info</c> records it:
/// set by <c>bpf_redirect</c> and <c>bpf_redirect_map</c>, acted on by whoever runs the program when it returns
/// <c>XDP_REDIRECT</c>. Each call replaces what the previous one set; loading a packet clears it.
/// </summary>
public sealed partial class XdpFrame
{
    /// <summary>The interface <c>bpf_redirect</c> chose, or null.</summary>
    public uint? RedirectIfindex { get; private set; }

    /// <summary>The map <c>bpf_redirect_map</c> chose (a device map), or null.</summary>
    public BpfMap? RedirectMap { get; private set; }

    /// <summary>The key <c>bpf_redirect_map</c> chose in <see cref="RedirectMap"/>.</summary>
    public uint RedirectKey { get; private set; }

    /// <summary><c>BPF_F_BROADCAST</c> and <c>BPF_F_EXCLUDE_INGRESS</c> (with the default action bits) when <c>bpf_redirect_map</c> broadcasts; 0 otherwise.</summary>
    public ulong RedirectFlags { get; private set; }

    /// <summary>The redirect target as a value, or null when none is set.</summary>
    public XdpRedirect? Redirect =>
        RedirectIfindex is { } ifindex ? new XdpRedirect(ifindex, null, 0, 0)
        : RedirectMap is { } map ? new XdpRedirect(null, map, RedirectKey, RedirectFlags)
        : null;

    /// <summary><c>bpf_redirect(ifindex, 0)</c>.</summary>
    internal void RedirectToInterface(uint ifindex)
    {
        RedirectIfindex = ifindex;
        RedirectMap = null;
        RedirectKey = 0;
        RedirectFlags = 0;
    }

    /// <summary>A <c>bpf_redirect_map</c> that found its key (or broadcasts).</summary>
    internal void RedirectToMap(BpfMap map, uint key, ulong flags)
    {
        RedirectIfindex = null;
        RedirectMap = map;
        RedirectKey = key;
        RedirectFlags = flags;
    }

    /// <summary>A <c>bpf_redirect_map</c> that did not find its key: the last lookup always wins, as in the kernel.</summary>
    internal void ClearRedirect()
    {
        RedirectIfindex = null;
        RedirectMap = null;
        RedirectKey = 0;
        RedirectFlags = 0;
    }
}
