namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The formatter behind <c>bpf_trace_printk</c> and <c>bpf_snprintf</c>: <c>bpf_bprintf_prepare</c> (kernel/bpf/helpers.c)
/// validates the format and captures the arguments, then <c>bstr_printf</c> (lib/vsprintf.c) prints them.
/// </summary>
/// <remarks>
/// <para>Conversions: <c>%d %i %u %x %X</c> with <c>l</c>/<c>ll</c>, <c>%c</c>, <c>%s</c>, <c>%p</c> (<c>%px %pK</c>), <c>%ps %pS %pB</c>,
/// <c>%pks %pus</c>, <c>%pI4 %pi4 %pI6 %pi6</c> and <c>%%</c>; flags <c>0 + - space</c> and a width. Anything else, more
/// conversions than arguments, or a control character in the text is <c>-EINVAL</c>.</para>
/// <para>Captured arguments share the kernel's 512-byte buffer: strings are cut to fit, and a conversion that finds
/// no room left is <c>-ENOSPC</c>. Pointers print unhashed (as with <c>no_hash_pointers</c>): there is no kernel
/// address to hide. Symbols print as the kernel prints an address without a symbol: <c>0x</c> and hex.</para>
/// </remarks>
internal static class Bprintf
{
    /// <summary><c>MAX_BPRINTF_VARARGS</c>: the most arguments of <c>bpf_snprintf</c>.</summary>
    public const int MaxArguments = 12;

    /// <summary><c>MAX_BPRINTF_BIN_ARGS</c>: the buffer captured arguments and strings share.</summary>
    public const int BinaryArgumentsSize = 512;

    /// <summary>
    /// Formats <paramref name="format"/> (up to its NUL) into <paramref name="destination"/>, always NUL-terminated when not
    /// empty; <paramref name="length"/> is the length the full text needs, without the NUL. Returns 0 or a negative errno
    /// (checked runs may also have failed on an argument that points outside the program's memory).
    /// </summary>
    public static ulong Format(HelperContext context, ReadOnlySpan<byte> format, ReadOnlySpan<ulong> arguments, Span<byte> destination, out int length)
    {
        length = 0;
        Span<ulong> values = stackalloc ulong[MaxArguments];
        Span<byte> strings = stackalloc byte[BinaryArgumentsSize];
        var error = Prepare(context, format, arguments, values, strings);
        if (error != Errno.Ok)
        {
            return error;
        }

        var output = new BprintfOutput(destination);
        Print(format, values, strings, ref output);
        output.Terminate();
        length = output.Length;
        return Errno.Ok;
    }

    /// <summary>
    /// <c>bpf_bprintf_prepare</c>: checks the format and captures each argument, numbers in <paramref name="values"/>
    /// and copied strings in <paramref name="strings"/> (each value then holds the string's offset and length).
    /// </summary>
    private static ulong Prepare(HelperContext context, ReadOnlySpan<byte> format, ReadOnlySpan<ulong> arguments, Span<ulong> values, Span<byte> strings)
    {
        var used = 0;
        var count = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c < 0x80 && (c is < 0x20 or 0x7f) && !FormatSpec.IsSpace(c))
            {
                return Errno.Invalid;
            }

            if (c != '%')
            {
                continue;
            }

            if (FormatSpec.At(format, i + 1) == '%')
            {
                i++;
                continue;
            }

            if (count >= arguments.Length || !FormatSpec.TryParse(format, i, out var spec))
            {
                return Errno.Invalid;
            }

            var argument = arguments[count];
            switch (spec.Kind)
            {
                case FormatKind.String or FormatKind.RawString:
                    if (used == BinaryArgumentsSize)
                    {
                        return Errno.NoSpace;
                    }

                    var copied = ProgramMemory.CopyUntrustedString(context, argument, strings[used..], "a %s argument");
                    values[count] = Slice(used, Math.Max(copied, 0));
                    used += Math.Max(copied, 0) + 1;
                    break;

                case FormatKind.Char:
                    if (used == BinaryArgumentsSize)
                    {
                        return Errno.NoSpace;
                    }

                    values[count] = (byte)argument;
                    used++;
                    break;

                case FormatKind.Ip or FormatKind.Backtrace:
                    if (spec.Kind == FormatKind.Ip && BinaryArgumentsSize - used < spec.Size)
                    {
                        return Errno.NoSpace;
                    }

                    var text = spec.Kind == FormatKind.Ip ? PointerText.Ip(context, argument, spec) : PointerText.Hex(argument);
                    var kept = Math.Min(text.Length, Math.Max(BinaryArgumentsSize - used - 1, 0));
                    text.AsSpan(0, kept).CopyTo(strings[used..]);
                    values[count] = Slice(used, kept);
                    used = Math.Min(used + text.Length + 1, BinaryArgumentsSize);
                    break;

                default:
                    used = (used + 3) & ~3;
                    if (BinaryArgumentsSize - used < spec.Size)
                    {
                        return Errno.NoSpace;
                    }

                    values[count] = spec.Size == 4 ? (uint)argument : argument;
                    used += spec.Size;
                    break;
            }

            if (context.FailureMessage is not null)
            {
                return Errno.Fault;
            }

            count++;
            i = spec.Last;
        }

        return Errno.Ok;
    }

    /// <summary><c>bstr_printf</c>: prints the validated format with the captured arguments.</summary>
    private static void Print(scoped ReadOnlySpan<byte> format, scoped ReadOnlySpan<ulong> values, scoped ReadOnlySpan<byte> strings, ref BprintfOutput output)
    {
        var count = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                output.Put(c);
                continue;
            }

            if (FormatSpec.At(format, i + 1) == '%')
            {
                output.Put((byte)'%');
                i++;
                continue;
            }

            FormatSpec.TryParse(format, i, out var spec);
            var value = values[count++];
            switch (spec.Kind)
            {
                case FormatKind.Integer:
                    var signed = spec.Conversion is (byte)'d' or (byte)'i';
                    var number = spec.Size == 4 && signed ? (ulong)(long)(int)(uint)value : value;
                    var negative = signed && (long)number < 0;
                    output.Number(negative ? (ulong)-(long)number : number, negative, spec.Conversion is (byte)'x' or (byte)'X' ? 16 : 10, spec.Conversion == 'X', spec, signed);
                    break;

                case FormatKind.Char:
                    output.Text([(byte)value], spec);
                    break;

                case FormatKind.String:
                    output.Text(Text(strings, value), spec);
                    break;

                case FormatKind.Pointer:
                    // pointer_string(): without a width, 16 zero-padded digits.
                    output.Number(value, false, 16, false, spec.Width < 0 ? spec with { Width = 16, Zero = true } : spec, false);
                    break;

                case FormatKind.Symbol:
                    output.Text(PointerText.Hex(value), spec);
                    break;

                default:
                    // Formatted while preparing: copied as is, without padding.
                    output.Put(Text(strings, value));
                    break;
            }

            i = spec.Last;
            if (spec.IsPointer)
            {
                while (FormatSpec.IsAlphanumeric(FormatSpec.At(format, i + 1)))
                {
                    i++;
                }
            }
        }
    }

    private static ulong Slice(int start, int length) => ((ulong)(uint)start << 32) | (uint)length;

    private static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> strings, ulong slice) => strings.Slice((int)(slice >> 32), (int)(uint)slice);
}
