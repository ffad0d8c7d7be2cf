using System.Globalization;
using Ebpf.Api.Hosting;
using Ebpf.Core.Diagnostics;
using Ebpf.Service.Contracts;

namespace Ebpf.Cli.Commands.Service;

/// <summary>bpftool's positional grammar, read left to right: <c>id N</c>, <c>pinned PATH</c>, <c>key BYTES</c>, keyword pairs.</summary>
internal sealed class Words(IReadOnlyList<string> words, string usage)
{
    private int _next;

    public bool AtEnd => _next >= words.Count;

    public string? Peek => AtEnd ? null : words[_next];

    public string Take(string what) => AtEnd ? throw Usage($"expected {what}") : words[_next++];

    public bool TakeIf(string keyword)
    {
        if (Peek == keyword)
        {
            _next++;
            return true;
        }

        return false;
    }

    public uint TakeNumber(string what)
    {
        var text = Take(what);
        return ParseNumber(text, out var value) ? (uint)value : throw Usage($"'{text}' is not a number ({what})");
    }

    public void End()
    {
        if (!AtEnd)
        {
            throw Usage($"unexpected '{words[_next]}'");
        }
    }

    /// <summary><c>id N</c> or <c>pinned PATH</c> naming a program, as its id.</summary>
    public uint TakeProgram(IBpfHost host) => TakeObject(host, PinInfo.ProgramKind, "a program: " + Grammar.Object);

    /// <summary><c>id N</c> or <c>pinned PATH</c> naming a map, as its id.</summary>
    public uint TakeMap(IBpfHost host) => TakeObject(host, PinInfo.MapKind, "a map: " + Grammar.Object);

    /// <summary>
    /// Bytes as bpftool reads them: each word one byte in C notation (<c>17</c>, <c>0x11</c>, <c>021</c>), or after
    /// <c>hex</c> words of hex digits without prefix (<c>hex 11 00 00 00</c> or <c>hex 11000000</c>); ends at a keyword.
    /// </summary>
    public byte[] TakeBytes(string what, params string[] stops)
    {
        var bytes = new List<byte>();
        var hex = TakeIf("hex");
        while (!AtEnd && !stops.Contains(Peek))
        {
            var word = Take(what);
            if (hex)
            {
                if (word.Length % 2 != 0 || !word.All(char.IsAsciiHexDigit))
                {
                    throw Usage($"'{word}' is not hex bytes ({what})");
                }

                bytes.AddRange(Convert.FromHexString(word));
            }
            else
            {
                bytes.Add(ParseNumber(word, out var value) && value <= 255 ? (byte)value : throw Usage($"'{word}' is not a byte ({what})"));
            }
        }

        return bytes.Count > 0 ? [.. bytes] : throw Usage($"expected {what} bytes");
    }

    public DiagnosticException Usage(string message) =>
        new([new Diagnostic(DiagnosticCode.InputFormat, $"{message}; usage: {usage}", new DiagnosticLocation())]);

    /// <summary>A number as C's <c>strtoul(s, NULL, 0)</c> reads it: <c>0x</c> hex, leading-zero octal, else decimal.</summary>
    public static bool ParseNumber(string text, out ulong value)
    {
        value = 0;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (text.Length > 1 && text[0] == '0')
        {
            try
            {
                value = Convert.ToUInt64(text, 8);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private uint TakeObject(IBpfHost host, string kind, string what)
    {
        var how = Take(what);
        if (how == "id")
        {
            return TakeNumber("ID");
        }

        if (how != "pinned")
        {
            throw Usage($"expected {what}, not '{how}'");
        }

        var pin = host.PinnedAsync(Take("PATH")).GetAwaiter().GetResult();
        return pin.Kind == kind ? pin.Id
            : throw new DiagnosticException([new Diagnostic(DiagnosticCode.ServicePinRefused, $"{pin.Path} is a pinned {pin.Kind}, not a {kind}", new DiagnosticLocation())]);
    }
}
