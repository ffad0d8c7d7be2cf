namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>What a conversion of a bprintf format prints.</summary>
internal enum FormatKind
{
    /// <summary><c>%d %i %u %x %X</c>, with <c>l</c> or <c>ll</c> for 64 bits.</summary>
    Integer,

    /// <summary><c>%c</c>.</summary>
    Char,

    /// <summary><c>%s</c>: a string copied from the program's memory.</summary>
    String,

    /// <summary><c>%p %px %pK</c>: an address in hex.</summary>
    Pointer,

    /// <summary><c>%ps %pS</c>: a symbol; without kernel symbols, <c>0x</c> and the address in hex.</summary>
    Symbol,

    /// <summary><c>%pks %pus</c>: a string, copied without padding.</summary>
    RawString,

    /// <summary><c>%pB</c>: a backtrace symbol, formatted before printing.</summary>
    Backtrace,

    /// <summary><c>%pI4 %pi4 %pI6 %pi6</c>: an IP address read from the program's memory.</summary>
    Ip,
}

/// <summary>
/// One conversion as <c>bpf_bprintf_prepare</c> accepts it: <c>%</c>, flags among <c>0 + - space</c>, a width, then
/// a conversion. Precision, <c>#</c>, <c>*</c> and the <c>h</c>, <c>z</c> and <c>j</c> qualifiers are refused.
/// </summary>
/// <param name="Kind">What it prints.</param>
/// <param name="Last">The index of its last character in the format.</param>
/// <param name="Width">The field width, or -1.</param>
/// <param name="Left">The <c>-</c> flag.</param>
/// <param name="Plus">The <c>+</c> flag.</param>
/// <param name="Space">The space flag.</param>
/// <param name="Zero">The <c>0</c> flag.</param>
/// <param name="Conversion">The conversion letter (<c>d</c>, <c>x</c>, ...; for IP addresses, <c>i</c> or <c>I</c>).</param>
/// <param name="Size">Bytes of the argument: 4 for <c>int</c>, 8 for <c>long</c> and pointers; 4 or 16 for IP addresses.</param>
internal readonly record struct FormatSpec(FormatKind Kind, int Last, int Width, bool Left, bool Plus, bool Space, bool Zero, byte Conversion, int Size)
{
    /// <summary><c>FIELD_WIDTH_MAX</c> of <c>lib/vsprintf.c</c>: wider fields are clamped.</summary>
    public const int MaxWidth = (1 << 23) - 1;

    /// <summary>True for the <c>%p</c> family, after which <c>bstr_printf</c> skips every letter and digit.</summary>
    public bool IsPointer => Kind is FormatKind.Pointer or FormatKind.Symbol or FormatKind.RawString or FormatKind.Backtrace or FormatKind.Ip;

    /// <summary>
    /// Parses the conversion whose <c>%</c> is at <paramref name="start"/>, as <c>bpf_bprintf_prepare</c> does;
    /// false when the kernel answers <c>-EINVAL</c>. Past the end, the format reads as NUL.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> format, int start, out FormatSpec spec)
    {
        spec = default;
        var i = start + 1;
        if (At(format, i) >= 0x80)
        {
            return false;
        }

        bool left = false, plus = false, space = false, zero = false;
        for (var c = At(format, i); c is (byte)'0' or (byte)'+' or (byte)'-' or (byte)' '; c = At(format, ++i))
        {
            left |= c == '-';
            plus |= c == '+';
            space |= c == ' ';
            zero |= c == '0';
        }

        var width = -1;
        if (At(format, i) is >= (byte)'1' and <= (byte)'9')
        {
            width = 0;
            for (; At(format, i) is >= (byte)'0' and <= (byte)'9'; i++)
            {
                width = Math.Min(MaxWidth, (width * 10) + (At(format, i) - '0'));
            }
        }

        var kind = FormatKind.Integer;
        var conversion = At(format, i);
        var size = 4;
        switch ((char)conversion)
        {
            case 'p':
                var next = At(format, i + 1);
                size = 8;
                if (next == 0 || IsSpace(next) || IsPunct(next))
                {
                    kind = FormatKind.Pointer;
                }
                else if (next is (byte)'k' or (byte)'u' && At(format, i + 2) == 's')
                {
                    kind = FormatKind.RawString;
                    i += 2;
                    if (!EndsString(format, i))
                    {
                        return false;
                    }
                }
                else if (next is (byte)'K' or (byte)'x' or (byte)'s' or (byte)'S' or (byte)'B')
                {
                    kind = next is (byte)'s' or (byte)'S' ? FormatKind.Symbol : next == 'B' ? FormatKind.Backtrace : FormatKind.Pointer;
                    i++;
                }
                else if (next is (byte)'i' or (byte)'I' && At(format, i + 2) is (byte)'4' or (byte)'6')
                {
                    kind = FormatKind.Ip;
                    conversion = next;
                    size = At(format, i + 2) == '4' ? 4 : 16;
                    i += 2;
                }
                else
                {
                    return false;
                }

                break;

            case 's':
                kind = FormatKind.String;
                if (!EndsString(format, i))
                {
                    return false;
                }

                break;

            case 'c':
                kind = FormatKind.Char;
                break;

            default:
                if (At(format, i) == 'l')
                {
                    size = 8;
                    i++;
                }

                if (At(format, i) == 'l')
                {
                    i++;
                }

                conversion = At(format, i);
                if (conversion is not ((byte)'d' or (byte)'i' or (byte)'u' or (byte)'x' or (byte)'X'))
                {
                    return false;
                }

                break;
        }

        spec = new FormatSpec(kind, i, width, left, plus, space, zero, conversion, size);
        return true;
    }

    /// <summary>The kernel's <c>isspace</c> (<c>lib/ctype.c</c>, Latin-1).</summary>
    public static bool IsSpace(byte c) => c is (byte)' ' or >= 9 and <= 13 or 0xa0;

    /// <summary>The kernel's <c>ispunct</c> (<c>lib/ctype.c</c>, Latin-1).</summary>
    public static bool IsPunct(byte c) =>
        c is >= 0x21 and <= 0x2f or >= 0x3a and <= 0x40 or >= 0x5b and <= 0x60 or >= 0x7b and <= 0x7e or >= 0xa1 and <= 0xbf or 0xd7 or 0xf7;

    /// <summary>The kernel's <c>isalnum</c> (<c>lib/ctype.c</c>, Latin-1).</summary>
    public static bool IsAlphanumeric(byte c) =>
        c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= 0xc0 and not (0xd7 or 0xf7);

    /// <summary>The format's byte at <paramref name="index"/>, or NUL past its end.</summary>
    public static byte At(ReadOnlySpan<byte> format, int index) => (uint)index < (uint)format.Length ? format[index] : (byte)0;

    /// <summary>A string conversion must be followed by the end, a space or punctuation (<c>%sx</c> is refused).</summary>
    private static bool EndsString(ReadOnlySpan<byte> format, int i)
    {
        var next = At(format, i + 1);
        return next == 0 || IsSpace(next) || IsPunct(next);
    }
}
