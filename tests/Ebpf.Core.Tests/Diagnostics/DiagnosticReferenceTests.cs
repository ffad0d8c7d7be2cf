using System.Text.RegularExpressions;
using Ebpf.Core.Diagnostics;
using Ebpf.Testing;

namespace Ebpf.Core.Tests.Diagnostics;

/// <summary>docs/diagnostics.md, the error reference, stays true to <see cref="DiagnosticCode"/> in both directions.</summary>
public sealed partial class DiagnosticReferenceTests
{
    private static IEnumerable<Match> Rows() =>
        Row().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md")).ReplaceLineEndings("\n"));

    [Fact]
    public void Every_entry_names_a_code_that_exists_under_its_name()
    {
        var stale = Rows().Where(r => !Enum.TryParse<DiagnosticCode>(r.Groups[2].Value, out var code) || Diagnostic.FormatCode(code) != r.Groups[1].Value)
            .Select(r => $"{r.Groups[1].Value} {r.Groups[2].Value}").ToList();
        Assert.True(stale.Count == 0, "entries in docs/diagnostics.md without that code in DiagnosticCode: " + string.Join(", ", stale));
    }

    [Fact]
    public void Every_entry_says_what_its_code_means_in_a_sentence_or_more()
    {
        var thin = Rows().Where(r => r.Groups[3].Value.Trim().Length < 30 || !r.Groups[3].Value.TrimEnd().EndsWith('.')).Select(r => r.Groups[1].Value).ToList();
        Assert.True(thin.Count == 0, "entries whose meaning and fix are missing or not a sentence: " + string.Join(", ", thin));
    }

    [Fact]
    public void Every_code_has_one_entry()
    {
        var twice = Rows().GroupBy(r => r.Groups[1].Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "codes listed twice: " + string.Join(", ", twice));
    }

    [GeneratedRegex(@"^\| (EBPF\d{4}) \| (\w+) \| (.*) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
