using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Ebpf.Testing;

/// <summary>
/// The two <c>bpf(2)</c> commands the oracle needs where bpftool cannot help: <c>BPF_OBJ_GET</c> (7) on a pinned
/// program and <c>BPF_PROG_TEST_RUN</c> (10) with only a context, as raw tracepoints take it.
/// </summary>
internal static unsafe partial class BpfSyscall
{
    private const long SysBpf = 321; // x86-64
    private const int ObjGet = 7;
    private const int ProgTestRun = 10;

    /// <summary>Runs the pinned program once with <paramref name="contextIn"/> and returns its r0.</summary>
    public static ulong TestRunPinned(string pin, byte[] contextIn)
    {
        var path = Encoding.UTF8.GetBytes(pin + "\0");
        var attr = stackalloc byte[128];
        new Span<byte>(attr, 128).Clear();
        fixed (byte* pathname = path)
        {
            *(ulong*)attr = (ulong)pathname;
            var fd = Call(ObjGet, attr);
            try
            {
                new Span<byte>(attr, 128).Clear();
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
                _ = Close((int)fd);
            }
        }
    }

    private static long Call(int command, byte* attr)
    {
        var result = Syscall(SysBpf, command, attr, 128);
        return result >= 0 ? result : throw new Win32Exception(Marshal.GetLastPInvokeError(), $"bpf({command}) failed");
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long command, byte* attr, long size);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
