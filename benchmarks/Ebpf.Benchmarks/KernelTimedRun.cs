using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

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
/// dispatcher before its loop and removes it after (<c>bpf_prog_change_xdp</c>), about 1.3 ms of CPU on this machine,
/// which would add 0.3 ns to each of five million runs and 200 ns to each of <c>xdp_prime</c>'s few thousand.
/// </remarks>
internal static unsafe partial class KernelTimedRun
{
    private const long SysBpf = 321; // x86-64
    private const int ObjGet = 7;
    private const int ProgTestRun = 10;
    private const int AttrSize = 128;

    /// <summary>Runs the pinned program <paramref name="repeat"/> times on <paramref name="packet"/>: r0, ns per run by the kernel's timer and by this thread's CPU clock.</summary>
    public static (ulong Result, double OwnNanoseconds, double CpuNanoseconds) Run(string pin, byte[] packet, int repeat)
    {
        var path = Encoding.UTF8.GetBytes(pin + "\0");
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        fixed (byte* pathname = path)
        {
            *(ulong*)attr = (ulong)pathname;
            var fd = Call(ObjGet, attr);
            try
            {
                fixed (byte* data = packet)
                {
                    // union bpf_attr, test: prog_fd, retval, data_size_in, data_size_out, data_in, data_out, repeat, duration.
                    new Span<byte>(attr, AttrSize).Clear();
                    *(uint*)attr = (uint)fd;
                    *(uint*)(attr + 8) = (uint)packet.Length;
                    *(ulong*)(attr + 16) = (ulong)data;
                    *(uint*)(attr + 32) = (uint)repeat;
                    var cpu = ThreadClock.CpuMilliseconds();
                    Call(ProgTestRun, attr);
                    var spent = ThreadClock.CpuMilliseconds() - cpu;
                    return (*(uint*)(attr + 4), *(uint*)(attr + 36), spent * 1e6 / repeat);
                }
            }
            finally
            {
                _ = Close((int)fd);
            }
        }
    }

    private static long Call(int command, byte* attr)
    {
        var result = Syscall(SysBpf, command, attr, AttrSize);
        return result >= 0 ? result : throw new Win32Exception(Marshal.GetLastPInvokeError(), $"bpf({command}) failed");
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long command, byte* attr, long size);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
