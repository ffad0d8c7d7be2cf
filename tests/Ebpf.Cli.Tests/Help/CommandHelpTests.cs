using System.CommandLine;
using Ebpf.Cli.Help;
using Ebpf.Cli.Reference;

namespace Ebpf.Cli.Tests.Help;

/// <summary>Help reads well: every command, argument and option says what it is, and the examples are valid command lines.</summary>
public sealed class CommandHelpTests
{
    private static IEnumerable<Command> AllCommands(Command command) => new[] { command }.Concat(command.Subcommands.SelectMany(AllCommands));

    [Fact]
    public void Every_command_argument_and_option_has_a_description()
    {
        var missing = new List<string>();
        foreach (var command in AllCommands(EbpfCommand.Create()))
        {
            var path = "ebpf " + CommandExamples.PathOf(command);
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                missing.Add($"command '{path}'");
            }

            missing.AddRange(command.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"argument <{a.Name}> of '{path}'"));
            missing.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"option {o.Name} of '{path}'"));
        }

        Assert.True(missing.Count == 0, "without a description: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_command_that_does_something_has_an_example()
    {
        var leaves = CliReference.Walk(EbpfCommand.Create()).Where(c => c.Subcommands.Count == 0).Select(CommandExamples.PathOf);
        var without = leaves.Where(path => CommandExamples.For(path).Count == 0).ToList();
        Assert.True(without.Count == 0, "without examples (add them to CommandExamples): " + string.Join(", ", without));
    }

    [Fact]
    public void Every_example_names_its_command_and_parses_without_errors()
    {
        var root = EbpfCommand.Create();
        foreach (var path in CommandExamples.Paths)
        {
            foreach (var example in CommandExamples.For(path))
            {
                Assert.StartsWith($"ebpf {path}".TrimEnd(), example, StringComparison.Ordinal);
                var parse = root.Parse(Words(example).Skip(1).ToArray());
                Assert.True(parse.Errors.Count == 0, $"{example}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            }
        }
    }

    [Fact]
    public void Help_of_a_command_ends_with_its_examples()
    {
        var (exitCode, output, _) = CliRunner.Run("xdp", "run", "--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.EndsWith("Examples:\n" + string.Join('\n', CommandExamples.For("xdp run").Select(e => "  " + e)) + "\n\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_is_the_one_of_Directory_Build_props()
    {
        var props = File.ReadAllText(Path.Combine(Ebpf.Testing.RepositoryPaths.Root, "Directory.Build.props"));
        var version = System.Text.RegularExpressions.Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        // In process the entry assembly is the test host, so ask the built tool, as a user would.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ebpf.dll"));
        start.ArgumentList.Add("--version");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(version)}(\\+[0-9a-f]+)?\n$", output);
    }

    /// <summary>Splits a shell-like line at spaces, keeping double-quoted words whole.</summary>
    private static IEnumerable<string> Words(string line)
    {
        var word = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line + " ")
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }
    }
}
