using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// eBPF for Windows' general helper prototypes under its numbers (<see cref="WindowsHelperId"/>). Each is the Linux
/// helper of the same name and arguments renumbered, so the verifier checks it as it checks Linux's and the runtime
/// runs the same implementation: the table maps a platform's numbers onto one set of helpers. The few Linux lacks
/// (<c>bpf_ktime_get_ms</c>, <c>bpf_is_current_admin</c>, ...) are declared here after <c>bpf_helpers.h</c>.
/// </summary>
internal static class WindowsHelpers
{
    private static readonly HelperArgument Context = new(HelperArgumentKind.PointerToContext);

    /// <summary>Every general prototype eBPF for Windows' table holds here.</summary>
    public static ImmutableArray<HelperPrototype> All { get; } =
    [
        Renumber(WindowsHelperId.MapLookupElem, "bpf_map_lookup_elem"),
        Renumber(WindowsHelperId.MapUpdateElem, "bpf_map_update_elem"),
        Renumber(WindowsHelperId.MapDeleteElem, "bpf_map_delete_elem"),
        Renumber(WindowsHelperId.TailCall, "bpf_tail_call"),
        Renumber(WindowsHelperId.GetPrandomU32, "bpf_get_prandom_u32"),
        Renumber(WindowsHelperId.KtimeGetBootNs, "bpf_ktime_get_boot_ns"),
        Renumber(WindowsHelperId.GetSmpProcessorId, "bpf_get_smp_processor_id"),
        Renumber(WindowsHelperId.KtimeGetNs, "bpf_ktime_get_ns"),
        Renumber(WindowsHelperId.CsumDiff, "bpf_csum_diff"),
        Renumber(WindowsHelperId.RingbufOutput, "bpf_ringbuf_output"),
        TracePrintk(WindowsHelperId.TracePrintk2, 0),
        TracePrintk(WindowsHelperId.TracePrintk3, 1),
        TracePrintk(WindowsHelperId.TracePrintk4, 2),
        TracePrintk(WindowsHelperId.TracePrintk5, 3),
        Renumber(WindowsHelperId.MapPushElem, "bpf_map_push_elem"),
        Renumber(WindowsHelperId.MapPopElem, "bpf_map_pop_elem"),
        Renumber(WindowsHelperId.MapPeekElem, "bpf_map_peek_elem"),
        Renumber(WindowsHelperId.GetCurrentPidTgid, "bpf_get_current_pid_tgid"),
        new(WindowsHelperId.GetCurrentLogonId, "bpf_get_current_logon_id", HelperReturnKind.Integer, [Context]),
        new(WindowsHelperId.IsCurrentAdmin, "bpf_is_current_admin", HelperReturnKind.Integer, [Context]),
        new(WindowsHelperId.KtimeGetBootMs, "bpf_ktime_get_boot_ms", HelperReturnKind.Integer, []),
        new(WindowsHelperId.KtimeGetMs, "bpf_ktime_get_ms", HelperReturnKind.Integer, []),
    ];

    /// <summary>
    /// The general helpers every program type may call: all but the two netebpfext gives sock_addr programs alone
    /// (<c>bpf_get_current_logon_id</c>, <c>bpf_is_current_admin</c>).
    /// </summary>
    public static ImmutableSortedSet<int> General { get; } =
        [.. All.Select(h => h.Id).Where(id => id is not (WindowsHelperId.GetCurrentLogonId or WindowsHelperId.IsCurrentAdmin))];

    /// <summary>XDP's own helper: Linux's <c>bpf_xdp_adjust_head</c> under <see cref="WindowsHelperId.XdpAdjustHead"/>.</summary>
    public static ImmutableArray<HelperPrototype> Xdp { get; } = [Renumber(WindowsHelperId.XdpAdjustHead, "bpf_xdp_adjust_head")];

    /// <summary>sock_addr's own helpers (<c>ebpf_nethooks.h</c>'s <c>ebpf_sock_addr_helper_id_t</c>).</summary>
    public static ImmutableArray<HelperPrototype> SockAddr { get; } =
    [
        new(WindowsHelperId.SockAddrGetCurrentPidTgid, "bpf_sock_addr_get_current_pid_tgid", HelperReturnKind.Integer, [Context]),
        new(WindowsHelperId.SockAddrSetRedirectContext, "bpf_sock_addr_set_redirect_context", HelperReturnKind.Integer,
            [Context, new(HelperArgumentKind.PointerToReadableMemory), new(HelperArgumentKind.ConstSize)]),
    ];

    /// <summary>Linux's prototype named <paramref name="name"/> under Windows' number; no helper is GPL-only there.</summary>
    private static HelperPrototype Renumber(int id, string name) =>
        LinuxHelpers.All.Single(h => h.Name == name) with { Id = id, IsGplOnly = false };

    /// <summary>
    /// <c>bpf_trace_printk2</c> to <c>5</c>: Linux's <c>bpf_trace_printk</c> (format, its size, then up to three
    /// arguments in r3 to r5) split by argument count, so each declares exactly the registers it reads.
    /// </summary>
    private static HelperPrototype TracePrintk(int id, int arguments)
    {
        var linux = Renumber(id, "bpf_trace_printk");
        return linux with
        {
            Name = $"bpf_trace_printk{arguments + 2}",
            Arguments = linux.Arguments.AddRange(Enumerable.Repeat(new HelperArgument(HelperArgumentKind.Anything), arguments)),
        };
    }
}
