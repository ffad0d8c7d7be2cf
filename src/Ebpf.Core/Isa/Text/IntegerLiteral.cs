namespace Ebpf.Core.Isa.Text;

/// <summary>
/// An integer as written: an optional sign, then decimal digits or <c>0x</c> and hex digits. Kept as sign
/// and magnitude so that each operand can apply its own range (hex 32-bit immediates are bit patterns,
/// decimal ones are signed).
/// </summary>
/// <param name="Negative">True when a <c>-</c> sign was written.</param>
/// <param name="Magnitude">The absolute value.</param>
/// <param name="IsHex">True for <c>0x</c> literals.</param>
internal readonly record struct IntegerLiteral(bool Negative, ulong Magnitude, bool IsHex)
{
    /// <summary>Reads a literal; false when the text is not one or its magnitude needs more than 64 bits.</summary>
    /// <param name="text">The literal, without surrounding spaces.</param>
    /// <param name="literal">The literal read.</param>
    /// <param name="tooLarge">True when the text is well formed but does not fit in 64 bits.</param>
    public static bool TryParse(ReadOnlySpan<char> text, out IntegerLiteral literal, out bool tooLarge)
    {
        literal = default;
        tooLarge = false;
        var negative = false;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        var hex = text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X';
        var digits = hex ? text[2..] : text;
        if (digits.IsEmpty)
        {
            return false;
        }

        var radix = hex ? 16u : 10u;
        ulong magnitude = 0;
        foreach (var c in digits)
        {
            var digit = DigitValue(c);
            if (digit >= radix)
            {
                tooLarge = false;
                return false;
            }

            if (!tooLarge && (magnitude > (ulong.MaxValue - digit) / radix))
            {
                tooLarge = true;
            }

            magnitude = unchecked((magnitude * radix) + digit);
        }

        literal = new IntegerLiteral(negative, magnitude, hex);
        return !tooLarge;
    }

    /// <summary>The value as a signed number, when it lies in <c>[min, max]</c>.</summary>
    public bool TryGetValue(long min, long max, out long value)
    {
        value = 0;
        if (Negative)
        {
            if (Magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = unchecked(-(long)Magnitude);
        }
        else
        {
            if (Magnitude > long.MaxValue)
            {
                return false;
            }

            value = (long)Magnitude;
        }

        return value >= min && value <= max;
    }

    /// <inheritdoc />
    public override string ToString() => (Negative ? "-" : "") + (IsHex ? $"0x{Magnitude:x}" : $"{Magnitude}");

    private static uint DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => (uint)(c - '0'),
        >= 'a' and <= 'f' => (uint)(c - 'a' + 10),
        >= 'A' and <= 'F' => (uint)(c - 'A' + 10),
        _ => uint.MaxValue,
    };
}
