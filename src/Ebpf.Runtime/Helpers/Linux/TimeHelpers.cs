using System.Diagnostics;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>Clocks and identity: <c>ktime_get_ns</c> (5), <c>ktime_get_coarse_ns</c> (160), <c>ktime_get_boot_ns</c> (125), <c>jiffies64</c> (118), <c>get_prandom_u32</c> (7), <c>get_smp_processor_id</c> (8), <c>get_current_pid_tgid</c> (14).</summary>
internal static class TimeHelpers
{
    /// <summary>The coarse clock's resolution: a jiffy at Linux's usual 250 Hz.</summary>
    public const ulong CoarseResolutionNs = 4_000_000;

    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Monotonic nanoseconds, as CLOCK_MONOTONIC: also the clock of <see cref="TracePipe"/> timestamps.</summary>
    public static ulong MonotonicNs => (ulong)(Stopwatch.GetTimestamp() * NanosecondsPerTick);

    /// <summary>Monotonic nanoseconds, as CLOCK_MONOTONIC.</summary>
    public static ulong KtimeNs(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) => MonotonicNs;

    /// <summary>
    /// CLOCK_MONOTONIC_COARSE: the monotonic clock as of the last tick, so never ahead of <see cref="KtimeNs"/>;
    /// modelled as that clock rounded down to a jiffy.
    /// </summary>
    public static ulong KtimeCoarseNs(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) =>
        MonotonicNs / CoarseResolutionNs * CoarseResolutionNs;

    /// <summary>Nanoseconds since boot, as CLOCK_BOOTTIME (the process's monotonic clock counts from boot on Linux and Windows).</summary>
    public static ulong KtimeBootNs(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) =>
        (ulong)Environment.TickCount64 * 1_000_000;

    /// <summary>Jiffies at Linux's usual 250 Hz.</summary>
    public static ulong Jiffies64(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) =>
        (ulong)Environment.TickCount64 / 4;

    public static ulong PrandomU32(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) =>
        (uint)Random.Shared.Next() ^ ((uint)Random.Shared.Next() << 1);

    public static ulong SmpProcessorId(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) =>
        (ulong)Maps.ExecutionCpu.Current;

    /// <summary>
    /// The group id in the high half, the user id in the low half, as Linux's <c>bpf_get_current_uid_gid</c> (15); 0
    /// where the platform has none. A hook that runs programs for another task (a socket hook) names that task.
    /// </summary>
    public static ulong CurrentUidGid(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e)
    {
        if (context.Environment is Programs.ICallerEnvironment { Caller: { } caller })
        {
            return ((ulong)caller.GroupId << 32) | caller.UserId;
        }

        return OperatingSystem.IsWindows() ? 0 : ((ulong)UnixIds.GroupId() << 32) | UnixIds.UserId();
    }

    /// <summary>The process id in the high half, the thread id in the low half, as Linux's tgid and pid; a socket hook's caller where there is one.</summary>
    public static ulong CurrentPidTgid(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) =>
        context.Environment is Programs.ICallerEnvironment { Caller: { } caller }
            ? ((ulong)caller.ProcessId << 32) | caller.ThreadId
            : ((ulong)(uint)Environment.ProcessId << 32) | (uint)Environment.CurrentManagedThreadId;
}
