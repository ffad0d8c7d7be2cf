namespace Ebpf.Cli.Tests.Docs;

/// <summary>A fenced code block of a Markdown page, with the directives of the HTML comments right before it.</summary>
/// <param name="Line">The line of its opening fence, from 1.</param>
/// <param name="Language">The fence's language: <c>sh</c> runs, <c>c</c> is written to <paramref name="Title"/>, <c>text</c> is output.</param>
/// <param name="Title">The file a <c>c</c> block is written to (<c>```c title=FILE</c>).</param>
/// <param name="Text">The block's lines.</param>
/// <param name="Directives">
/// <c>expect-exit: N</c> (a <c>sh</c> block's exit code, 0 unless told), <c>needs: root, netns</c> (runs only where those are: <c>root</c>,
/// <c>netns</c>, <c>seccomp-unotify</c>, <c>privileged-port-80</c>, a tool on the PATH, or an absolute path),
/// <c>cleanup</c> (runs at the end even after a failure), <c>output: not-checked</c> (a <c>text</c> block that is not compared).
/// </param>
internal sealed record DocBlock(int Line, string Language, string? Title, string Text, IReadOnlyDictionary<string, string> Directives)
{
    /// <summary>The directives a page may use; any other comment right before a fence is a mistake.</summary>
    public static readonly IReadOnlySet<string> KnownDirectives = new HashSet<string>(StringComparer.Ordinal) { "expect-exit", "needs", "cleanup", "output" };

    /// <summary>The exit code a <c>sh</c> block must end with.</summary>
    public int ExpectedExit => Directives.TryGetValue("expect-exit", out var code) ? int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>What a block needs of the machine (<c>root</c>, <c>netns</c>, <c>seccomp-unotify</c>, <c>privileged-port-80</c>, a tool's name or a path).</summary>
    public IEnumerable<string> Needs => Directives.TryGetValue("needs", out var needs)
        ? needs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : [];

    /// <inheritdoc />
    public override string ToString() => $"line {Line} (```{Language}{(Title is null ? "" : " title=" + Title)}):\n{Text}";
}
