namespace Ebpf.Core.Abi;

/// <summary>
/// eBPF for Windows' general helper numbers (<c>ebpf_helper_id_t</c> in its <c>ebpf_structs.h</c>): the
/// immediates of <c>call</c> in programs built against its <c>bpf_helpers.h</c>. Program-type-specific helpers
/// start above <c>0xFFFF</c> there (<c>EBPF_MAX_GENERAL_HELPER_FUNCTION</c>), numbered per extension, so the same
/// number means <c>bpf_xdp_adjust_head</c> to XDP and <c>bpf_sock_addr_get_current_pid_tgid</c> to sock_addr; the
/// <c>bind</c> type has none.
/// </summary>
public static class WindowsHelperId
{
    /// <summary><c>bpf_map_lookup_elem</c>.</summary>
    public const int MapLookupElem = 1;
    /// <summary><c>bpf_map_update_elem</c>.</summary>
    public const int MapUpdateElem = 2;
    /// <summary><c>bpf_map_delete_elem</c>.</summary>
    public const int MapDeleteElem = 3;
    /// <summary><c>bpf_map_lookup_and_delete_elem</c> (no implementation here yet).</summary>
    public const int MapLookupAndDeleteElem = 4;
    /// <summary><c>bpf_tail_call</c>: Linux's number 12.</summary>
    public const int TailCall = 5;
    /// <summary><c>bpf_get_prandom_u32</c>.</summary>
    public const int GetPrandomU32 = 6;
    /// <summary><c>bpf_ktime_get_boot_ns</c>.</summary>
    public const int KtimeGetBootNs = 7;
    /// <summary><c>bpf_get_smp_processor_id</c>.</summary>
    public const int GetSmpProcessorId = 8;
    /// <summary><c>bpf_ktime_get_ns</c>.</summary>
    public const int KtimeGetNs = 9;
    /// <summary><c>bpf_csum_diff</c>.</summary>
    public const int CsumDiff = 10;
    /// <summary><c>bpf_ringbuf_output</c>.</summary>
    public const int RingbufOutput = 11;
    /// <summary><c>bpf_trace_printk2</c>: format and its size, no argument (what <c>bpf_printk</c> expands to).</summary>
    public const int TracePrintk2 = 12;
    /// <summary><c>bpf_trace_printk3</c>: one argument.</summary>
    public const int TracePrintk3 = 13;
    /// <summary><c>bpf_trace_printk4</c>: two arguments.</summary>
    public const int TracePrintk4 = 14;
    /// <summary><c>bpf_trace_printk5</c>: three arguments.</summary>
    public const int TracePrintk5 = 15;
    /// <summary><c>bpf_map_push_elem</c>.</summary>
    public const int MapPushElem = 16;
    /// <summary><c>bpf_map_pop_elem</c>.</summary>
    public const int MapPopElem = 17;
    /// <summary><c>bpf_map_peek_elem</c>.</summary>
    public const int MapPeekElem = 18;
    /// <summary><c>bpf_get_current_pid_tgid</c>.</summary>
    public const int GetCurrentPidTgid = 19;
    /// <summary><c>bpf_get_current_logon_id(ctx)</c>: sock_addr programs only (netebpfext adds it to their helpers).</summary>
    public const int GetCurrentLogonId = 20;
    /// <summary><c>bpf_is_current_admin(ctx)</c>: sock_addr programs only.</summary>
    public const int IsCurrentAdmin = 21;
    /// <summary><c>bpf_ktime_get_boot_ms</c>.</summary>
    public const int KtimeGetBootMs = 30;
    /// <summary><c>bpf_ktime_get_ms</c>.</summary>
    public const int KtimeGetMs = 31;

    /// <summary>The first program-type-specific number (<c>EBPF_MAX_GENERAL_HELPER_FUNCTION + 1</c>).</summary>
    public const int FirstSpecific = 0x10000;
    /// <summary><c>bpf_xdp_adjust_head(ctx, delta)</c>, XDP's first own helper.</summary>
    public const int XdpAdjustHead = FirstSpecific;
    /// <summary><c>bpf_sock_addr_get_current_pid_tgid(ctx)</c>, sock_addr's first own helper.</summary>
    public const int SockAddrGetCurrentPidTgid = FirstSpecific;
    /// <summary><c>bpf_sock_addr_set_redirect_context(ctx, data, size)</c>, sock_addr's second own helper.</summary>
    public const int SockAddrSetRedirectContext = FirstSpecific + 1;
}
