using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Programs;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The XDP redirect helpers (net/core/filter.c): <c>bpf_redirect</c> (23, XDP's <c>bpf_xdp_redirect</c>) and
/// <c>bpf_redirect_map</c> (51, <c>__bpf_xdp_redirect_map</c>). They record the target in the run's
/// <see cref="XdpFrame"/> and return <c>XDP_REDIRECT</c>; acting on it is the hook's business.
/// </summary>
internal static unsafe class RedirectHelpers
{
    /// <summary><c>XDP_ABORTED</c>.</summary>
    public const ulong Aborted = 0;

    /// <summary><c>XDP_REDIRECT</c>.</summary>
    public const ulong Redirected = 4;

    /// <summary><c>BPF_F_BROADCAST</c>: redirect to every slot of a device map.</summary>
    public const ulong Broadcast = 8;

    /// <summary><c>BPF_F_EXCLUDE_INGRESS</c>: when broadcasting, leave out the interface the packet came in on.</summary>
    public const ulong ExcludeIngress = 16;

    /// <summary>The low bits of <c>bpf_redirect_map</c>'s flags: the action returned when the key has no entry.</summary>
    private const ulong ActionMask = 3;

    /// <summary><c>bpf_redirect(ifindex, flags)</c>: for XDP flags must be 0 (else <c>XDP_ABORTED</c>); tc programs get tc's semantics (<see cref="SkbHelpers.Redirect"/>).</summary>
    public static ulong Redirect(HelperContext context, ulong ifindex, ulong flags, ulong _, ulong __, ulong ___)
    {
        if (context.Environment is SkbFrame skb)
        {
            return SkbHelpers.Redirect(skb, ifindex, flags);
        }

        if (Frame(context, "bpf_redirect") is not { } frame || flags != 0)
        {
            return Aborted;
        }

        frame.RedirectToInterface((uint)ifindex);
        return Redirected;
    }

    /// <summary>
    /// <c>bpf_redirect_map(map, key, flags)</c>: unknown flags are <c>XDP_ABORTED</c>; a key without an entry clears
    /// the target and returns the flags' low two bits (the default action), unless broadcasting. Device maps
    /// accept <c>BPF_F_BROADCAST</c> and <c>BPF_F_EXCLUDE_INGRESS</c>. Maps that are no redirect target answer
    /// <c>-EINVAL</c> (the verifier refuses them).
    /// </summary>
    public static ulong RedirectMap(HelperContext context, ulong map, ulong key, ulong flags, ulong _, ulong __)
    {
        if (Frame(context, "bpf_redirect_map") is not { } frame || MapHelpers.Resolve(context, map) is not { } target)
        {
            return Aborted;
        }

        ulong? allowed = target.Type switch
        {
            MapType.Devmap or MapType.DevmapHash => Broadcast | ExcludeIngress,
            MapType.Cpumap or MapType.Xskmap => 0,
            _ => null,
        };
        if (allowed is not { } flagMask)
        {
            return Errno.Invalid;
        }

        if ((flags & ~(ActionMask | flagMask)) != 0)
        {
            return Aborted;
        }

        // The map's lookup takes a u32 key, as the kernel's lookup_elem callbacks do.
        var slot = (uint)key;
        if (target.LookupElement((byte*)&slot) == 0 && (flags & Broadcast) == 0)
        {
            frame.ClearRedirect();
            return flags & ActionMask;
        }

        frame.RedirectToMap(target, slot, (flags & Broadcast) != 0 ? flags : 0);
        return Redirected;
    }

    private static XdpFrame? Frame(HelperContext context, string helper)
    {
        if (context.Environment is XdpFrame frame)
        {
            return frame;
        }

        context.Fail($"{helper} is implemented for XDP programs only, and this run has no XDP frame");
        return null;
    }
}
