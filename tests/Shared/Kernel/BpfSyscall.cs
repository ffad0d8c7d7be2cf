using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Ebpf.Testing;

/// <summary>
/// The two <c>bpf(2)</c> commands the oracle needs where bpftool cannot help: <c>BPF_OBJ_GET</c> (7) on a pinned
/// program and <c>BPF_PROG_TEST_RUN</c> (10), with only a context, as raw tracepoints take it, or with a packet, as the
/// benchmark harness times it.
/// </summary>
internal static unsafe partial class BpfSyscall
{
    private const long SysBpf = 321; // x86-64
    private const int ObjGet = 7;
    private const int ProgTestRun = 10;
    private const int AttrSize = 128;

    /// <summary>Runs the pinned program once with <paramref name="contextIn"/> and returns its r0.</summary>
    public static ulong TestRunPinned(string pin, byte[] contextIn)
    {
        var fd = OpenPinned(pin);
        try
        {
            var attr = stackalloc byte[AttrSize];
            new Span<byte>(attr, AttrSize).Clear();
            fixed (byte* context = contextIn)
            {
                *(uint*)attr = (uint)fd;
                *(uint*)(attr + 40) = (uint)contextIn.Length;
                *(ulong*)(attr + 48) = contextIn.Length == 0 ? 0 : (ulong)context;
                Call(ProgTestRun, attr);
            }

            return *(uint*)(attr + 4);
        }
        finally
        {
            ClosePinned(fd);
        }
    }

    /// <summary>A descriptor of the pinned program (<c>BPF_OBJ_GET</c>); close it with <see cref="ClosePinned"/>.</summary>
    public static int OpenPinned(string pin)
    {
        var path = Encoding.UTF8.GetBytes(pin + "\0");
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        fixed (byte* pathname = path)
        {
            *(ulong*)attr = (ulong)pathname;
            return (int)Call(ObjGet, attr);
        }
    }

    /// <summary>Closes a descriptor from <see cref="OpenPinned"/>.</summary>
    public static void ClosePinned(int fd) => _ = Close(fd);

    /// <summary>
    /// Runs the program <paramref name="repeat"/> times on <paramref name="packet"/> (no packet out): r0 and the kernel's
    /// own ns per run (<c>duration</c>, whole nanoseconds rounded down).
    /// </summary>
    public static (uint Result, uint Duration) TestRun(int fd, byte[] packet, int repeat)
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        fixed (byte* data = packet)
        {
            // union bpf_attr, test: prog_fd, retval, data_size_in, data_size_out, data_in, data_out, repeat, duration.
            *(uint*)attr = (uint)fd;
            *(uint*)(attr + 8) = (uint)packet.Length;
            *(ulong*)(attr + 16) = (ulong)data;
            *(uint*)(attr + 32) = (uint)repeat;
            Call(ProgTestRun, attr);
        }

        return (*(uint*)(attr + 4), *(uint*)(attr + 36));
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
