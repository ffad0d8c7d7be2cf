using System.Text.RegularExpressions;

namespace Ebpf.Cli.Tests.Docs;

/// <summary>Extracts the fenced code blocks of a Markdown page with their directives (<see cref="DocBlock"/>).</summary>
internal static partial class MarkdownBlocks
{
    public static IReadOnlyList<DocBlock> Parse(string markdown)
    {
        var blocks = new List<DocBlock>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var directives = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            if (Directive().Match(lines[i]) is { Success: true } directive)
            {
                directives[directive.Groups[1].Value] = directive.Groups[2].Value.Trim();
                continue;
            }

            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                directives.Clear();
                continue;
            }

            var info = lines[i][3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var title = info.Skip(1).FirstOrDefault(a => a.StartsWith("title=", StringComparison.Ordinal))?["title=".Length..];
            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i] != "```"; i++)
            {
                body.Add(lines[i]);
            }

            if (i == lines.Length)
            {
                throw new InvalidOperationException($"line {start + 1}: the code block is not closed");
            }

            blocks.Add(new DocBlock(start + 1, info.FirstOrDefault() ?? "", title, string.Join('\n', body) + "\n", new Dictionary<string, string>(directives)));
            directives.Clear();
        }

        return blocks;
    }

    /// <summary>
    /// True when every non-blank line of <paramref name="expected"/> appears in <paramref name="actual"/>, in order, each
    /// within one line; <c>...</c> in an expected line stands for any text (timings, rates).
    /// </summary>
    public static bool Matches(string expected, string actual, out string? missing)
    {
        var lines = actual.ReplaceLineEndings("\n").Split('\n');
        var next = 0;
        foreach (var wanted in expected.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var parts = wanted.Split("...");
            var found = Array.FindIndex(lines, next, line => ContainsInOrder(line, parts));
            if (found < 0)
            {
                missing = wanted;
                return false;
            }

            next = found + 1;
        }

        missing = null;
        return true;
    }

    private static bool ContainsInOrder(string line, string[] parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = line.IndexOf(part.Trim(), at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + part.Trim().Length;
        }

        return true;
    }

    [GeneratedRegex(@"^<!--\s*([a-z-]+)\s*(?::(.*?))?\s*-->\s*$")]
    private static partial Regex Directive();
}
