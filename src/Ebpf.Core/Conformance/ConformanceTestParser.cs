using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;

namespace Ebpf.Core.Conformance;

/// <summary>Reads files of the bpf_conformance format. Never throws on content: problems become diagnostics.</summary>
public static class ConformanceTestParser
{
    /// <summary>Parses the text of one test file.</summary>
    public static ConformanceTest Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = new Dictionary<string, (int FirstLine, List<string> Lines)>(StringComparer.Ordinal);
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        List<string>? current = null;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("--", StringComparison.Ordinal))
            {
                var section = line[2..].Trim();
                current = [];
                if (!KnownSections.Contains(section))
                {
                    problems.Add(Problem(DiagnosticCode.UnknownTestSection, name, i + 1, $"unknown section '-- {section}'"));
                }

                sections[section] = (i + 2, current);
            }
            else if (current is not null)
            {
                current.Add(line);
            }
            else if (line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            {
                problems.Add(Problem(DiagnosticCode.UnknownTestSection, name, i + 1, "text before the first section"));
            }
        }

        var asm = sections.TryGetValue("asm", out var a) ? string.Join('\n', a.Lines) : null;
        var raw = sections.TryGetValue("raw", out var r) ? ParseRaw(name, r.FirstLine, r.Lines, problems) : null;
        if (asm is null && raw is null)
        {
            problems.Add(Problem(DiagnosticCode.MissingTestProgram, name, null, "the file has neither '-- asm' nor '-- raw'"));
        }

        var memory = sections.TryGetValue("mem", out var m) ? ParseBytes(name, m.FirstLine, m.Lines, problems) : [];
        var result = sections.TryGetValue("result", out var res) ? ParseResult(name, res.FirstLine, res.Lines, problems) : null;
        var error = sections.TryGetValue("error", out var e) ? string.Join('\n', Content(e.Lines)) : null;
        return new ConformanceTest(name, asm, a.FirstLine, raw, memory, result, error, problems.ToImmutable());
    }

    // "c" holds the C source a test was compiled from, for people; "no register offset" tells the reference
    // harness not to renumber registers, which this runner never does. Both are accepted and ignored.
    private static readonly FrozenSet<string> KnownSections = new[] { "asm", "raw", "mem", "result", "error", "c", "no register offset" }.ToFrozenSet(StringComparer.Ordinal);

    private static IEnumerable<string> Content(List<string> lines) =>
        lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    /// <summary>Raw programs are byte tokens (<c>07 00 01 00</c>) or whole little-endian slots (<c>0x5566778800000018</c>).</summary>
    private static ImmutableArray<byte>? ParseRaw(string name, int firstLine, List<string> lines, ImmutableArray<Diagnostic>.Builder problems)
    {
        var bytes = new List<byte>();
        foreach (var (token, line) in Tokens(lines, firstLine))
        {
            if (token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && token.Length > 4
                && ulong.TryParse(token.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var word))
            {
                var slot = new byte[Instruction.Size];
                Instruction.FromUInt64(word).Write(slot);
                bytes.AddRange(slot);
            }
            else if (TryParseByte(token, out var value))
            {
                bytes.Add(value);
            }
            else
            {
                problems.Add(Problem(DiagnosticCode.MalformedTestSection, name, line, $"'{token}' is neither a byte nor a 64-bit instruction word"));
            }
        }

        return [.. bytes];
    }

    private static ImmutableArray<byte> ParseBytes(string name, int firstLine, List<string> lines, ImmutableArray<Diagnostic>.Builder problems)
    {
        var bytes = ImmutableArray.CreateBuilder<byte>();
        foreach (var (token, line) in Tokens(lines, firstLine))
        {
            if (TryParseByte(token, out var value))
            {
                bytes.Add(value);
            }
            else
            {
                problems.Add(Problem(DiagnosticCode.MalformedTestSection, name, line, $"'{token}' is not a hexadecimal byte"));
            }
        }

        return bytes.ToImmutable();
    }

    private static ulong? ParseResult(string name, int firstLine, List<string> lines, ImmutableArray<Diagnostic>.Builder problems)
    {
        var tokens = Tokens(lines, firstLine).ToList();
        if (tokens.Count == 1)
        {
            var token = tokens[0].Token;
            var parsed = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? ulong.TryParse(token.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : (ulong?)null
                : ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : null;
            if (parsed is not null)
            {
                return parsed;
            }
        }

        problems.Add(Problem(DiagnosticCode.MalformedTestSection, name, firstLine, "'-- result' must hold exactly one 64-bit number"));
        return null;
    }

    private static IEnumerable<(string Token, int Line)> Tokens(List<string> lines, int firstLine)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i];
            var comment = text.IndexOf('#', StringComparison.Ordinal);
            if (comment >= 0)
            {
                text = text[..comment];
            }

            foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                yield return (token, firstLine + i);
            }
        }
    }

    private static bool TryParseByte(string token, out byte value)
    {
        var digits = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? token[2..] : token;
        return byte.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value) && digits.Length <= 2;
    }

    private static Diagnostic Problem(DiagnosticCode code, string file, int? line, string message) =>
        new(code, message, new DiagnosticLocation(File: file, Line: line));
}
