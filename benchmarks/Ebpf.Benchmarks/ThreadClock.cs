namespace Ebpf.Benchmarks;

/// <summary>
/// CPU time of the calling thread (<c>CLOCK_THREAD_CPUTIME_ID</c>): unlike wall time, not inflated by other processes
/// on a shared machine, as the kernel's test-run timer (<c>bpf_test_timer</c>) leaves out the time it is scheduled out.
/// </summary>
internal static class ThreadClock
{
    /// <summary>Milliseconds of CPU the calling thread has used; 0 where the clock is not available.</summary>
    public static double CpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var time) != 0)
        {
            return 0;
        }

        return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
