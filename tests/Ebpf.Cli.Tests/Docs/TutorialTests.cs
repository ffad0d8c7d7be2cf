using Ebpf.Testing;
using Xunit.Abstractions;

namespace Ebpf.Cli.Tests.Docs;

/// <summary>
/// docs/tutorial.md cannot rot: its blocks run in order, as a reader would type them (<see cref="DocRunner"/>).
/// The live parts run where the machine has root and network namespaces (the socket hook: seccomp user notification,
/// python3, curl, setpriv), and are reported as skipped elsewhere.
/// </summary>
public sealed class TutorialTests(ITestOutputHelper log)
{
    private static string Tutorial => Path.Combine(RepositoryPaths.Root, "docs", "tutorial.md");

    [FactRequiring("clang")]
    public void Every_command_of_the_tutorial_runs_and_prints_what_the_tutorial_shows()
    {
        var blocks = MarkdownBlocks.Parse(File.ReadAllText(Tutorial));
        using var runner = new DocRunner();
        var failure = runner.Run(blocks);
        log.WriteLine(runner.Log.ToString());
        Assert.True(failure is null, $"docs/tutorial.md, {failure}");
    }

    [Fact]
    public void The_tutorial_uses_only_known_blocks_and_directives_and_runs_its_capture_and_live_parts()
    {
        var blocks = MarkdownBlocks.Parse(File.ReadAllText(Tutorial));
        Assert.All(blocks, b => Assert.Contains(b.Language, (string[])["sh", "c", "text"]));
        Assert.All(blocks.Where(b => b.Language == "c"), b => Assert.False(string.IsNullOrEmpty(b.Title), $"{b} has no title=FILE"));
        Assert.All(blocks.SelectMany(b => b.Directives.Keys), d => Assert.Contains(d, DocBlock.KnownDirectives));
        var commands = string.Join('\n', blocks.Where(b => b.Language == "sh").Select(b => b.Text));
        foreach (var step in (string[])["clang ", "ebpf verify", "ebpf xdp run", "--dump-maps", "ebpf xdp attach", "ping", "ebpfd ", "ebpf net attach xdp", "ebpf map update", "ebpf exec --bind", "curl "])
        {
            Assert.Contains(step, commands, StringComparison.Ordinal);
        }

        Assert.Contains(blocks, b => b.ExpectedExit == 1 && b.Text.Contains("ebpf verify", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Needs.Contains("netns"));
        Assert.Contains(blocks, b => b.Needs.Contains("seccomp-unotify"));
    }

    [FactRequiring("bash")]
    public void Blocks_run_as_one_session_whose_exports_carry_over_and_cleanup_runs_after_a_failure()
    {
        var blocks = MarkdownBlocks.Parse(
            "```sh\nexport GREETING=hello\n```\n```sh\necho \"$GREETING from the next block\"\n```\n```text\nhello from the next block\n```\n"
            + "```sh\nfalse\n```\n<!-- cleanup -->\n```sh\necho \"$GREETING, cleaned\" > cleaned.txt\n```\n");
        using var runner = new DocRunner();
        var failure = runner.Run(blocks);
        Assert.NotNull(failure);
        Assert.StartsWith($"line {blocks[3].Line} ", failure, StringComparison.Ordinal);
        Assert.Equal("hello, cleaned\n", File.ReadAllText(Path.Combine(runner.Folder, "cleaned.txt")));
    }

    [Fact]
    public void Directives_and_output_matching_follow_the_convention()
    {
        var blocks = MarkdownBlocks.Parse("intro\n<!-- expect-exit: 1 -->\n<!-- needs: root, netns -->\n```sh\nfalse\n```\n<!-- a note -->\ntext\n```c title=a.c\nint x;\n```\n");
        Assert.Equal(2, blocks.Count);
        Assert.Equal(1, blocks[0].ExpectedExit);
        Assert.Equal(["root", "netns"], blocks[0].Needs);
        Assert.Equal(("c", "a.c", "int x;\n"), (blocks[1].Language, blocks[1].Title, blocks[1].Text));
        Assert.Empty(blocks[1].Directives);
        Assert.True(MarkdownBlocks.Matches("a ... s\n\nc", "x a 1.5 s\nb\nc d", out _));
        Assert.False(MarkdownBlocks.Matches("c\na", "a\nc", out var missing));
        Assert.Equal("a", missing);
    }
}
