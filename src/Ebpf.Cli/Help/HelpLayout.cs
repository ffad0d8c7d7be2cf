using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Ebpf.Cli.Help;

/// <summary>
/// The default help of System.CommandLine (for the service verbs, their grammar: <see cref="GrammarHelp"/>), followed by
/// the command's examples (<see cref="CommandExamples"/>).
/// </summary>
internal static class HelpLayout
{
    /// <summary>Makes the help option of <paramref name="root"/> (recursive, so every command's) print examples too.</summary>
    public static void AddExamples(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new WithExamples(help.Action as HelpAction ?? new HelpAction());
    }

    private sealed class WithExamples(HelpAction help) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var command = parseResult.CommandResult.Command;
            var exitCode = EbpfCommand.Success;
            if (Commands.Service.Grammar.Of(command) is { } usage)
            {
                GrammarHelp.Write(parseResult.InvocationConfiguration.Output, command, usage);
            }
            else
            {
                exitCode = help.Invoke(parseResult);
            }

            var examples = CommandExamples.For(CommandExamples.PathOf(parseResult.CommandResult.Command));
            if (examples.Count > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine("  " + example);
                }

                output.WriteLine();
            }

            return exitCode;
        }
    }
}
