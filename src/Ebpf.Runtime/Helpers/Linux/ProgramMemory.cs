using System.Runtime.InteropServices;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>Strings helpers read from a program's memory, checked as each argument deserves.</summary>
internal static unsafe class ProgramMemory
{
    /// <summary>
    /// The NUL-terminated string at <paramref name="address"/>, without its NUL: an <c>ARG_PTR_TO_CONST_STR</c>
    /// argument, which the verifier proves terminated in read-only map memory. Checked runs fail unless the string
    /// ends inside the program's memory; unchecked runs trust the verifier.
    /// </summary>
    public static bool TryReadConstString(HelperContext context, ulong address, string argument, out ReadOnlySpan<byte> text)
    {
        var readable = context.ReadableLength(address);
        if (readable == 0 && !context.IsChecked)
        {
            text = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)address);
            return true;
        }

        var window = new ReadOnlySpan<byte>((byte*)address, (int)Math.Min(readable, int.MaxValue));
        var end = window.IndexOf((byte)0);
        if (end < 0)
        {
            text = default;
            context.Fail($"{argument} at 0x{address:x} is not a NUL-terminated string in the program's memory");
            return false;
        }

        text = window[..end];
        return true;
    }

    /// <summary>
    /// Copies the string at an address the program passed as a number (<c>%s</c> of <c>bpf_trace_printk</c>), as
    /// the kernel's <c>strncpy_from_kernel_nofault</c>: at most <c>destination.Length - 1</c> bytes and a NUL; the
    /// bytes copied, without the NUL, or -1 when the string is not readable. Such pointers are never followed
    /// outside the program's memory, checked or not; checked runs fail on them, except on null, which the kernel
    /// prints as an empty string.
    /// </summary>
    public static int CopyUntrustedString(HelperContext context, ulong address, Span<byte> destination, string argument)
    {
        var window = new ReadOnlySpan<byte>((byte*)address, (int)Math.Min(context.ReadableLength(address), int.MaxValue));
        var limit = destination.Length - 1;
        var end = window[..Math.Min(window.Length, limit)].IndexOf((byte)0);
        var length = end >= 0 ? end : window.Length >= limit ? limit : -1;
        if (length < 0)
        {
            if (address != 0 && context.IsChecked)
            {
                context.Fail($"{argument} (0x{address:x}) is not a NUL-terminated string in the program's memory");
            }

            return -1;
        }

        window[..length].CopyTo(destination);
        destination[length] = 0;
        return length;
    }

    /// <summary>Copies <paramref name="destination"/>'s length of bytes from an address the program passed as a number (<c>%pI4</c>); false, with zeros, when they are not all in the program's memory (checked runs fail unless the address is null).</summary>
    public static bool CopyUntrusted(HelperContext context, ulong address, Span<byte> destination, string argument)
    {
        if (context.ReadableLength(address) >= (ulong)destination.Length)
        {
            new ReadOnlySpan<byte>((byte*)address, destination.Length).CopyTo(destination);
            return true;
        }

        destination.Clear();
        if (address != 0 && context.IsChecked)
        {
            context.Fail($"{argument} (0x{address:x}) does not point to {destination.Length} bytes of the program's memory");
        }

        return false;
    }
}
