using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// eBPF for Windows' general helper prototypes under its numbers (<see cref="WindowsHelperId"/>). Each is the Linux
/// helper of the same name and arguments renumbered, so the verifier checks it as it checks Linux's and the runtime
/// runs the same implementation: the table maps a platform's numbers onto one set of helpers.
/// </summary>
internal static class WindowsHelpers
{
    /// <summary>Every prototype eBPF for Windows' table holds here.</summary>
    public static ImmutableArray<HelperPrototype> All { get; } =
    [
        Renumber(WindowsHelperId.MapLookupElem, "bpf_map_lookup_elem"),
        Renumber(WindowsHelperId.MapUpdateElem, "bpf_map_update_elem"),
        Renumber(WindowsHelperId.MapDeleteElem, "bpf_map_delete_elem"),
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
