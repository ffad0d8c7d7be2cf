using System.Globalization;
using System.Text;

namespace Ebpf.Runtime.Native.Generation;

/// <summary>C# literals for generated code: numbers that compile in checked and unchecked contexts alike, escaped strings.</summary>
internal static class Literals
{
    /// <summary>A <c>ulong</c> literal: decimal up to 0xffff, hex above (addresses, masks).</summary>
    public static string U64(ulong value) => value <= 0xffff ? $"{value}UL" : $"0x{value:X}UL";

    /// <summary>A <c>uint</c> literal.</summary>
    public static string U32(uint value) => value <= 0xffff ? $"{value}U" : $"0x{value:X}U";

    /// <summary>An <c>int</c> literal (negative values as written; <c>int.MinValue</c> is a valid literal).</summary>
    public static string I32(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <c>long</c> literal.</summary>
    public static string I64(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>A quoted, escaped string (or <c>null</c>).</summary>
    public static string String(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || c > 0x7e => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    /// <summary>A C# identifier made of <paramref name="name"/>'s letters and digits (others become <c>_</c>).</summary>
    public static string Identifier(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    /// <summary>A PascalCase type name from an object or file name (<c>xdp_count.o</c> → <c>XdpCount</c>).</summary>
    public static string TypeName(string name)
    {
        var text = new StringBuilder();
        var upper = true;
        foreach (var c in Path.GetFileNameWithoutExtension(name))
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            text.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return text.Length == 0 || char.IsAsciiDigit(text[0]) ? "Object" + text : text.ToString();
    }
}
