using System.Globalization;
using System.Text;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf.Externs;

/// <summary>
/// Encodes a configuration value into a <c>__kconfig</c> extern's bytes by the extern's C type, as libbpf's
/// <c>set_kcfg_value_tri</c>, <c>_num</c> and <c>_str</c>: <c>bool</c> takes y/n, <c>enum libbpf_tristate</c> y/n/m,
/// <c>char</c> the letter, integers a number that fits, <c>char[]</c> a quoted string.
/// </summary>
internal static class KconfigValue
{
    /// <summary>libbpf's <c>enum libbpf_tristate</c> values: no, yes, module.</summary>
    private const string TristateEnum = "libbpf_tristate";

    /// <summary>Writes <paramref name="text"/> for type <paramref name="typeId"/> into <paramref name="bytes"/>; an error when it does not fit.</summary>
    public static string? Encode(BtfSpec btf, int typeId, string text, Span<byte> bytes)
    {
        var type = btf.Resolve(typeId);
        var letter = text is "y" or "n" or "m" ? text[0] : (char?)null;
        switch (type)
        {
            case BtfInt { Encoding: BtfIntEncoding.Bool }:
                if (letter is not ('y' or 'n'))
                {
                    return $"'{text}' is not y or n, what a bool takes";
                }

                bytes[0] = letter == 'y' ? (byte)1 : (byte)0;
                return null;
            case BtfEnum { Name: TristateEnum } tristate:
                if (letter is null)
                {
                    return $"'{text}' is not y, n or m, what a tristate takes";
                }

                Write(bytes, letter switch { 'y' => 1UL, 'm' => 2UL, _ => 0UL }, (int)tristate.Size);
                return null;
            case BtfInt { Size: 1 } character when character.Encoding.HasFlag(BtfIntEncoding.Char) && letter is not null:
                bytes[0] = (byte)letter.Value;
                return null;
            case BtfInt integer:
                return Number(text, integer, bytes);
            case BtfArray array when btf.Resolve(array.ElementType) is BtfInt { Size: 1 }:
                if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
                {
                    return $"'{text}' is not a quoted string, what a char array takes";
                }

                // Truncated to leave the terminating NUL, as libbpf does.
                var value = Encoding.UTF8.GetBytes(text[1..^1]);
                value.AsSpan(0, Math.Min(value.Length, bytes.Length - 1)).CopyTo(bytes);
                return null;
            default:
                return $"the extern's type {btf.FormatType(typeId)} is none libbpf fills from a kernel configuration";
        }
    }

    private static string? Number(string text, BtfInt integer, Span<byte> bytes)
    {
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        var hex = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!ulong.TryParse(hex ? digits[2..] : digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude))
        {
            return $"'{text}' is not a number, what an integer takes";
        }

        var bits = (int)integer.Size * 8;
        var fits = integer.IsSigned
            ? (negative ? magnitude <= 1UL << (bits - 1) : magnitude < 1UL << (bits - 1) || bits == 64 && magnitude <= long.MaxValue)
            : !negative && (bits == 64 || magnitude < 1UL << bits);
        if (!fits)
        {
            return $"{text} does not fit {integer.Name}";
        }

        Write(bytes, negative ? unchecked(0 - magnitude) : magnitude, (int)integer.Size);
        return null;
    }

    private static void Write(Span<byte> bytes, ulong value, int size)
    {
        for (var i = 0; i < size && i < bytes.Length; i++)
        {
            bytes[i] = (byte)(value >> (8 * i));
        }
    }
}
