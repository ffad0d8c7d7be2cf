using System.CommandLine;
using System.CommandLine.Help;
using Ebpf.Cli.Commands.Service;

namespace Ebpf.Cli.Help;

/// <summary>
/// Help for the service verbs, whose words the parser takes as one list: the usage line is their grammar
/// (<see cref="Grammar"/>), as bpftool's help shows it, and a "Where" section says what each upper-case word is.
/// </summary>
internal static class GrammarHelp
{
    /// <summary>Writes the help of <paramref name="command"/> with grammar <paramref name="usage"/>.</summary>
    public static void Write(TextWriter output, Command command, string usage)
    {
        output.WriteLine("Description:");
        output.WriteLine("  " + command.Description);
        output.WriteLine();
        output.WriteLine("Usage:");
        output.WriteLine($"  ebpf {usage} [options]");
        output.WriteLine();
        Section(output, "Where:", Grammar.PlaceholdersOf(usage).Select(p => (p.Word, p.Meaning)));
        var options = command.Options.Where(o => !o.Hidden && o is not HelpOption)
            .Select(o => (Name(o), o.Description ?? ""))
            .Append(("-?, -h, --help", "Show help and usage information"));
        Section(output, "Options:", options);
    }

    private static void Section(TextWriter output, string title, IEnumerable<(string Name, string Text)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var width = list.Max(r => r.Name.Length) + 2;
        output.WriteLine(title);
        foreach (var (name, text) in list)
        {
            output.WriteLine($"  {name.PadRight(width)}{text}");
        }

        output.WriteLine();
    }

    /// <summary>Aliases shortest first, then the value as System.CommandLine's help spells it (<c>--socket &lt;socket&gt;</c>).</summary>
    private static string Name(Option option)
    {
        var names = string.Join(", ", option.Aliases.Append(option.Name).Distinct(StringComparer.Ordinal).OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal));
        return option.ValueType == typeof(bool) ? names : $"{names} <{option.HelpName ?? option.Name.TrimStart('-')}>";
    }
}
