using System.Text;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// <c>bpf_trace_printk</c> (6) and <c>bpf_snprintf</c> (165), formatting as the kernel does (<see cref="Bprintf"/>):
/// the first writes a line to <see cref="TracePipe"/>, the second into the program's memory.
/// </summary>
internal static unsafe class PrintHelpers
{
    /// <summary><c>MAX_TRACE_PRINTK_VARARGS</c>.</summary>
    public const int TracePrintkMaxArguments = 3;

    /// <summary><c>MAX_BPRINTF_BUF</c>: a trace message is cut to this size, its NUL included.</summary>
    public const int MessageSize = 1024;

    /// <summary>
    /// <c>bpf_trace_printk(fmt, fmt_size, arg1, arg2, arg3)</c>: the format must hold a NUL within <c>fmt_size</c>
    /// bytes (else <c>-EINVAL</c>); returns the length of the formatted message (which the trace keeps up to 1023 bytes).
    /// </summary>
    public static ulong TracePrintk(HelperContext context, ulong fmt, ulong fmtSize, ulong arg1, ulong arg2, ulong arg3)
    {
        var size = (uint)fmtSize;
        if (!context.Require(fmt, (ulong)size, false, "the format"))
        {
            return Errno.Fault;
        }

        var format = new ReadOnlySpan<byte>((byte*)fmt, (int)Math.Min(size, int.MaxValue));
        var end = format.IndexOf((byte)0);
        if (end < 0)
        {
            return Errno.Invalid;
        }

        ReadOnlySpan<ulong> arguments = [arg1, arg2, arg3];
        Span<byte> message = stackalloc byte[MessageSize];
        var error = Bprintf.Format(context, format[..end], arguments, message, out var length);
        if (error != Errno.Ok)
        {
            return error;
        }

        var text = message[..message.IndexOf((byte)0)];
        TracePipe.Write(Encoding.UTF8.GetString(text), ExecutionCpu.Current, TimeHelpers.MonotonicNs);
        return (ulong)length;
    }

    /// <summary>
    /// <c>bpf_snprintf(str, str_size, fmt, data, data_len)</c>: <c>data</c> holds <c>data_len / 8</c> u64 arguments (a
    /// multiple of 8, at most 96 bytes, else <c>-EINVAL</c>); writes at most <c>str_size</c> bytes, NUL-terminated
    /// when <c>str_size</c> is not 0, and returns the size the full text needs, its NUL included.
    /// </summary>
    public static ulong Snprintf(HelperContext context, ulong str, ulong strSize, ulong fmt, ulong data, ulong dataLength)
    {
        uint size = (uint)strSize, length = (uint)dataLength;
        if ((size > 0 && !context.Require(str, (ulong)size, true, "str"))
            || (length > 0 && data != 0 && !context.Require(data, (ulong)length, false, "data"))
            || !ProgramMemory.TryReadConstString(context, fmt, "the format", out var format))
        {
            return Errno.Fault;
        }

        if (length % 8 != 0 || length > Bprintf.MaxArguments * 8 || (length > 0 && data == 0))
        {
            return Errno.Invalid;
        }

        // bstr_printf() refuses sizes past INT_MAX and prints nothing.
        var destination = str == 0 || size > int.MaxValue ? [] : new Span<byte>((byte*)str, (int)size);
        var error = Bprintf.Format(context, format, new ReadOnlySpan<ulong>((void*)data, (int)(length / 8)), destination, out var needed);
        return error != Errno.Ok ? error : size > int.MaxValue ? 1 : (ulong)needed + 1;
    }
}
