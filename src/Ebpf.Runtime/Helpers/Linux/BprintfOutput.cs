namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The output of <c>bstr_printf</c>: writes into a buffer of fixed size while counting every byte the full text
/// needs, so that callers learn the length the text would have had (as <c>vsnprintf</c> returns it).
/// </summary>
internal ref struct BprintfOutput
{
    private readonly Span<byte> _buffer;
    private int _length;

    /// <summary>Writes into <paramref name="buffer"/>, keeping its last byte for the NUL.</summary>
    public BprintfOutput(Span<byte> buffer) => _buffer = buffer;

    /// <summary>Bytes the full text needs, without the NUL.</summary>
    public readonly int Length => _length;

    /// <summary>Bytes written to the buffer, without the NUL: at most its length less one.</summary>
    public readonly int Written => Math.Min(_length, Math.Max(_buffer.Length - 1, 0));

    /// <summary>NUL-terminates the text (truncated if need be) when the buffer has room for anything.</summary>
    public readonly void Terminate()
    {
        if (_buffer.Length > 0)
        {
            _buffer[Written] = 0;
        }
    }

    public void Put(byte c)
    {
        if (_length < _buffer.Length - 1)
        {
            _buffer[_length] = c;
        }

        _length++;
    }

    public void Put(scoped ReadOnlySpan<byte> text)
    {
        var room = Math.Max(_buffer.Length - 1 - _length, 0);
        text[..Math.Min(room, text.Length)].CopyTo(_buffer[Math.Min(_length, _buffer.Length)..]);
        _length += text.Length;
    }

    public void Pad(byte c, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var room = Math.Max(_buffer.Length - 1 - _length, 0);
        _buffer.Slice(Math.Min(_length, _buffer.Length), Math.Min(room, count)).Fill(c);
        _length += count;
    }

    /// <summary><c>string()</c> of <c>lib/vsprintf.c</c>: the text, padded with spaces to the width, on the left unless <c>-</c>.</summary>
    public void Text(scoped ReadOnlySpan<byte> text, in FormatSpec spec)
    {
        var padding = spec.Width - text.Length;
        if (!spec.Left)
        {
            Pad((byte)' ', padding);
        }

        Put(text);
        if (spec.Left)
        {
            Pad((byte)' ', padding);
        }
    }

    /// <summary>
    /// <c>number()</c> of <c>lib/vsprintf.c</c>: a sign for signed conversions (<c>-</c>, else <c>+</c> or space if
    /// asked), then digits; <c>0</c> pads between sign and digits unless <c>-</c> pads on the right.
    /// </summary>
    public void Number(ulong value, bool negative, int numberBase, bool upper, in FormatSpec spec, bool signed)
    {
        Span<byte> digits = stackalloc byte[24];
        var count = 0;
        do
        {
            var digit = (int)(value % (uint)numberBase);
            digits[count++] = (byte)(digit < 10 ? '0' + digit : (upper ? 'A' : 'a') + digit - 10);
            value /= (uint)numberBase;
        }
        while (value != 0);

        byte sign = !signed ? (byte)0 : negative ? (byte)'-' : spec.Plus ? (byte)'+' : spec.Space ? (byte)' ' : (byte)0;
        var padding = spec.Width - count - (sign != 0 ? 1 : 0);
        var zero = spec.Zero && !spec.Left;
        if (!spec.Left && !zero)
        {
            Pad((byte)' ', padding);
        }

        if (sign != 0)
        {
            Put(sign);
        }

        if (zero)
        {
            Pad((byte)'0', padding);
        }

        for (var i = count - 1; i >= 0; i--)
        {
            Put(digits[i]);
        }

        if (spec.Left)
        {
            Pad((byte)' ', padding);
        }
    }
}
