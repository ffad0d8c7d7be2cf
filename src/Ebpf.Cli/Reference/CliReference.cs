using System.CommandLine;
using System.CommandLine.Help;
using System.Text;
using Ebpf.Cli.Help;

namespace Ebpf.Cli.Reference;

/// <summary>docs/reference/cli.md: every visible command with its usage, arguments, options and examples, from the command tree itself.</summary>
internal static class CliReference
{
    public static string Generate(RootCommand root)
    {
        var text = new StringBuilder();
        text.AppendLine(Markdown.GeneratedBanner).AppendLine();
        text.AppendLine("# `ebpf` command reference").AppendLine();
        text.AppendLine(root.Description).AppendLine();
        text.AppendLine("Exit codes, for every command: 0 success, 1 a negative verdict (a program rejected, tests failed, a fault), 2 bad input or usage.");
        text.AppendLine("`ebpf COMMAND --help` prints the same as this page, for one command.").AppendLine();
        var commands = Walk(root).Where(c => c is not RootCommand).ToList();
        foreach (var command in commands)
        {
            var path = CommandExamples.PathOf(command);
            text.AppendLine($"- [`ebpf {path}`](#{Anchor(path)})");
        }

        text.AppendLine();
        foreach (var command in commands)
        {
            Describe(text, command);
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Every command that is not hidden, parents before children.</summary>
    public static IEnumerable<Command> Walk(Command command)
    {
        if (command.Hidden)
        {
            yield break;
        }

        yield return command;
        foreach (var child in command.Subcommands.SelectMany(Walk))
        {
            yield return child;
        }
    }

    private static void Describe(StringBuilder text, Command command)
    {
        var path = CommandExamples.PathOf(command);
        text.AppendLine($"## ebpf {path}").AppendLine();
        text.AppendLine(command.Description).AppendLine();
        text.AppendLine("```").AppendLine(Usage(command)).AppendLine("```").AppendLine();
        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        if (Commands.Service.Grammar.Of(command) is { } grammar)
        {
            Markdown.Table(text, ["word", "meaning"], Commands.Service.Grammar.PlaceholdersOf(grammar).Select(p => new[] { Markdown.Code(p.Word), p.Meaning }));
        }
        else if (arguments.Count > 0)
        {
            Markdown.Table(text, ["argument", "description"], arguments.Select(a => new[] { Markdown.Code($"<{a.Name}>"), a.Description ?? "" }));
        }

        var options = command.Options.Where(o => !o.Hidden && o is not HelpOption and not VersionOption).ToList();
        if (options.Count > 0)
        {
            Markdown.Table(text, ["option", "description"], options.Select(o => new[]
            {
                string.Join(", ", new[] { o.Name }.Concat(o.Aliases.Order(StringComparer.Ordinal)).Select(Markdown.Code)),
                (o.Description ?? "") + (o.HasDefaultValue && o.GetDefaultValue() is { } value and not false ? $" Default: `{DefaultText(value)}`." : ""),
            }));
        }

        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        if (subcommands.Count > 0)
        {
            Markdown.Table(text, ["command", "description"], subcommands.Select(c => new[] { $"[`{c.Name}`](#{Anchor(CommandExamples.PathOf(c))})", c.Description ?? "" }));
        }

        if (CommandExamples.For(path) is { Count: > 0 } examples)
        {
            text.AppendLine("```sh").AppendJoin('\n', examples).AppendLine().AppendLine("```").AppendLine();
        }
    }

    /// <summary>The usage line, as help spells it: arguments in angle brackets, optional ones in square brackets.</summary>
    private static string Usage(Command command)
    {
        if (Commands.Service.Grammar.Of(command) is { } grammar)
        {
            return $"ebpf {grammar} [options]";
        }

        var words = new List<string> { "ebpf" };
        if (CommandExamples.PathOf(command) is { Length: > 0 } path)
        {
            words.Add(path);
        }

        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            var many = argument.Arity.MaximumNumberOfValues > 1 ? "..." : "";
            words.Add(argument.Arity.MinimumNumberOfValues == 0 ? $"[<{argument.Name}>{many}]" : $"<{argument.Name}>{many}");
        }

        if (command.Subcommands.Any(c => !c.Hidden))
        {
            words.Add("[command]");
        }

        words.Add("[options]");
        return string.Join(' ', words);
    }

    /// <summary>A default value as a user types it: enums in lower case, as the options accept them.</summary>
    private static string DefaultText(object value) => value is Enum ? value.ToString()!.ToLowerInvariant() : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;

    /// <summary>GitHub's heading anchor for <c>ebpf PATH</c>.</summary>
    private static string Anchor(string path) => ("ebpf-" + path).Replace(' ', '-');
}
