using Ebpf.Runtime.Helpers.Linux;

namespace Ebpf.Runtime.Helpers.Windows;

/// <summary>
/// The eBPF for Windows helpers Linux has no counterpart for, as near as this platform comes to what Windows returns.
/// </summary>
internal static class WindowsOnlyHelpers
{
    /// <summary><c>bpf_ktime_get_boot_ms</c> (30): milliseconds since boot, Linux's boot clock in milliseconds.</summary>
    public static ulong KtimeBootMs(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) =>
        TimeHelpers.KtimeBootNs(context, a, b, c, d, e) / 1_000_000;

    /// <summary><c>bpf_ktime_get_ms</c> (31): monotonic milliseconds.</summary>
    public static ulong KtimeMs(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) =>
        TimeHelpers.MonotonicNs / 1_000_000;

    /// <summary>
    /// <c>bpf_get_current_logon_id(ctx)</c> (20): Windows gives the caller's logon session (its token's LUID); Linux
    /// has no logon session id a hook can read cheaply, so this is the calling task's real user id, which tells
    /// sessions of different users apart as the LUID does.
    /// </summary>
    public static ulong CurrentLogonId(HelperContext context, ulong ctx, ulong b, ulong c, ulong d, ulong e) =>
        TimeHelpers.CurrentUidGid(context, ctx, b, c, d, e) & uint.MaxValue;

    /// <summary><c>bpf_is_current_admin(ctx)</c> (21): 1 when the caller is an administrator, here root (user id 0); else 0.</summary>
    public static ulong IsCurrentAdmin(HelperContext context, ulong ctx, ulong b, ulong c, ulong d, ulong e) =>
        (TimeHelpers.CurrentUidGid(context, ctx, b, c, d, e) & uint.MaxValue) == 0 ? 1UL : 0UL;

    /// <summary>
    /// <c>bpf_sock_addr_set_redirect_context(ctx, data, size)</c> (65537 for sock_addr): Windows hands the data to the
    /// proxy a connection is redirected to (<c>SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT</c>). Linux sockets have no
    /// such query, so the data is accepted and dropped: 0, or -EINVAL for an empty buffer as Windows refuses one.
    /// </summary>
    public static ulong SetRedirectContext(HelperContext context, ulong ctx, ulong data, ulong size, ulong d, ulong e) =>
        size == 0 ? Errno.Invalid : 0;
}
