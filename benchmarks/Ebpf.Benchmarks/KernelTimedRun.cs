using Ebpf.Testing;

namespace Ebpf.Benchmarks;

/// <summary>
/// The kernel's test run (<c>BPF_PROG_TEST_RUN</c>) issued from this thread and timed with this thread's CPU clock, as
/// ours are (<see cref="ThreadClock"/>), next to the figure the kernel reports itself.
/// </summary>
/// <remarks>
/// The kernel's own figure (what <c>bpftool prog run</c> prints) is not measured as ours: <c>bpf_test_timer_continue</c>
/// divides its nanoseconds by the repeat count in integers, so 9.9 ns reads 9, and it stops its clock around each
/// <c>cond_resched</c> it makes when asked to (often, on a loaded machine), which leaves out the cost of being preempted
/// that our thread's CPU time includes. The thread's CPU time around the whole system call counts the kernel's run the
/// way ours is counted: everything the thread did, to a fraction of a nanosecond. Except one fixed cost per call, which
/// the caller measures apart and takes off: an XDP test run of more than one repeat installs the program in the XDP
/// dispatcher before its loop and removes it after (<c>bpf_prog_change_xdp</c>), about 1.2 ms of CPU on this machine,
/// which would add 0.3 ns to each of five million runs and 200 ns to each of <c>xdp_prime</c>'s few thousand.
/// </remarks>
internal static class KernelTimedRun
{
    /// <summary>Runs the pinned program <paramref name="repeat"/> times on <paramref name="packet"/>: r0, ns per run by the kernel's timer and by this thread's CPU clock.</summary>
    public static (ulong Result, double OwnNanoseconds, double CpuNanoseconds) Run(string pin, byte[] packet, int repeat)
    {
        var fd = BpfSyscall.OpenPinned(pin);
        try
        {
            var cpu = ThreadClock.CpuMilliseconds();
            var (result, duration) = BpfSyscall.TestRun(fd, packet, repeat);
            var spent = ThreadClock.CpuMilliseconds() - cpu;
            return (result, duration, spent * 1e6 / repeat);
        }
        finally
        {
            BpfSyscall.ClosePinned(fd);
        }
    }
}
