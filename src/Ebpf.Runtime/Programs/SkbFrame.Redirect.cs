namespace Ebpf.Runtime.Programs;

/// <summary>
/// Where a tc program asked for the packet to go, as the kernel's per-CPU <c>struct bpf_redirect_info</c> records
/// it: set by <c>bpf_redirect</c>, acted on by the hook when the program returns <c>TC_ACT_REDIRECT</c>.
/// </summary>
public sealed partial class SkbFrame
{
    /// <summary>The interface <c>bpf_redirect</c> chose, or null.</summary>
    public uint? RedirectIfindex { get; private set; }

    /// <summary>The flags it was given (<c>BPF_F_INGRESS</c> or 0).</summary>
    public ulong RedirectFlags { get; private set; }

    /// <summary>The redirect target as a value, or null when none is set.</summary>
    public XdpRedirect? Redirect => RedirectIfindex is { } ifindex ? new XdpRedirect(ifindex, null, 0, RedirectFlags) : null;

    /// <summary><c>bpf_redirect(ifindex, flags)</c> with valid flags.</summary>
    internal void RedirectToInterface(uint ifindex, ulong flags)
    {
        RedirectIfindex = ifindex;
        RedirectFlags = flags;
    }

    private void ClearRedirect()
    {
        RedirectIfindex = null;
        RedirectFlags = 0;
    }
}
