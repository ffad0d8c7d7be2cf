using System.Diagnostics;
using System.Text;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The tracing helpers as far as they mean anything in a process: <c>probe_read</c> (4), <c>probe_read_str</c> (45),
/// <c>probe_read_user</c>/<c>_kernel</c> (112, 113) and their <c>_str</c> forms (114, 115), <c>get_current_comm</c> (16),
/// <c>get_current_task</c> (35), <c>current_task_under_cgroup</c> (37), <c>get_stackid</c> (27), <c>get_stack</c>
/// (67), <c>get_current_cgroup_id</c> (80), <c>get_func_ip</c> (173), <c>get_attach_cookie</c> (174).
/// </summary>
/// <remarks>
/// There is no kernel here and no probed task: a probe read copies only from memory the program may read anyway (its
/// stack, context, maps, the run's regions), and otherwise does what the kernel does with an address that faults,
/// zero the destination and return <c>-EFAULT</c>. Following an arbitrary address of this process would hand a
/// program the host's secrets and could crash it, so that is never done, checked run or not.
/// </remarks>
internal static unsafe class TracingHelpers
{
    /// <summary>The kernel's <c>TASK_COMM_LEN</c>: a task's name is at most 15 bytes and a NUL.</summary>
    public const int TaskCommLength = 16;

    private static readonly byte[] Comm = ProcessComm();

    /// <summary><c>bpf_probe_read*(dst, size, src)</c>: 0, or <c>-EFAULT</c> with <c>dst</c> zeroed.</summary>
    public static ulong ProbeRead(HelperContext context, ulong destination, ulong size, ulong source, ulong d, ulong e)
    {
        if (!context.Require(destination, size, write: true, "the destination") || size == 0)
        {
            return Errno.Ok;
        }

        var into = new Span<byte>((void*)destination, (int)size);
        if (context.ReadableLength(source) >= size)
        {
            new ReadOnlySpan<byte>((void*)source, (int)size).CopyTo(into);
            return Errno.Ok;
        }

        into.Clear();
        return Errno.Fault;
    }

    /// <summary>
    /// <c>bpf_probe_read*_str(dst, size, src)</c>: copies the string and its NUL, at most <c>size - 1</c> bytes and a
    /// NUL, and returns the bytes written with the NUL; <c>-EFAULT</c> with <c>dst</c> zeroed when the string is not
    /// readable up to its end or the limit.
    /// </summary>
    public static ulong ProbeReadString(HelperContext context, ulong destination, ulong size, ulong source, ulong d, ulong e)
    {
        if (!context.Require(destination, size, write: true, "the destination") || size == 0)
        {
            return Errno.Ok;
        }

        var into = new Span<byte>((void*)destination, (int)size);
        var window = new ReadOnlySpan<byte>((void*)source, (int)Math.Min(context.ReadableLength(source), size - 1));
        var end = window.IndexOf((byte)0);
        var length = end >= 0 ? end : window.Length == (int)size - 1 ? window.Length : -1;
        if (length < 0)
        {
            into.Clear();
            return Errno.Fault;
        }

        window[..length].CopyTo(into);
        into[length] = 0;
        return (ulong)(length + 1);
    }

    /// <summary><c>bpf_get_current_comm(buf, size)</c>: the process's name, cut to the buffer and padded with zeros, as <c>strscpy_pad</c>.</summary>
    public static ulong CurrentComm(HelperContext context, ulong buffer, ulong size, ulong c, ulong d, ulong e)
    {
        if (!context.Require(buffer, size, write: true, "the buffer") || size == 0)
        {
            return Errno.Ok;
        }

        var into = new Span<byte>((void*)buffer, (int)size);
        into.Clear();
        Comm.AsSpan(0, Math.Min(Comm.Length, into.Length - 1)).CopyTo(into);
        return Errno.Ok;
    }

    /// <summary>A helper whose kernel object (task, stack, probed function, cookie, cgroup) does not exist here: 0.</summary>
    public static ulong Zero(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) => 0;

    /// <summary><c>bpf_get_stackid</c>: no stack of a probed task to record, as the kernel says when it has none.</summary>
    public static ulong StackId(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) => Errno.Fault;

    /// <summary><c>bpf_get_stack(ctx, buf, size, flags)</c>: no stack, so the buffer is zeroed and the result <c>-EFAULT</c>.</summary>
    public static ulong Stack(HelperContext context, ulong ctx, ulong buffer, ulong size, ulong d, ulong e)
    {
        if (context.Require(buffer, size, write: true, "the buffer") && size > 0)
        {
            new Span<byte>((void*)buffer, (int)size).Clear();
        }

        return Errno.Fault;
    }

    /// <summary><c>bpf_current_task_under_cgroup</c>: the process is in no cgroup of the map's, so 0.</summary>
    public static ulong UnderCgroup(HelperContext context, ulong a, ulong b, ulong c, ulong d, ulong e) => 0;

    private static byte[] ProcessComm()
    {
        // Linux keeps the executable's name (cut to 15 bytes) in /proc/self/comm; elsewhere the process name is the same.
        var name = OperatingSystem.IsLinux() && File.Exists("/proc/self/comm")
            ? File.ReadAllText("/proc/self/comm").TrimEnd('\n')
            : Process.GetCurrentProcess().ProcessName;
        var bytes = Encoding.UTF8.GetBytes(name);
        return bytes.Length < TaskCommLength ? bytes : bytes[..(TaskCommLength - 1)];
    }
}
