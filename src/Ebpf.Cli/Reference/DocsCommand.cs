using System.CommandLine;

namespace Ebpf.Cli.Reference;

/// <summary>
/// <c>ebpf docs generate [DIR] [--check]</c>, hidden: writes the generated reference pages (<see cref="ReferenceDocs"/>),
/// or with <c>--check</c> only says which differ. For maintainers; users read the pages.
/// </summary>
internal static class DocsCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder")
        {
            Description = "Where the pages go: the repository's docs/reference.",
            DefaultValueFactory = _ => ReferenceDocs.Folder,
        };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a page differs from what would be written." };
        var generate = new Command("generate", "Write the reference pages (cli.md, program-types.md, helpers.md, map-types.md) generated from the code.")
        {
            folder, check,
        };
        generate.SetAction(parse => Commands.CommandAction.Run(parse, output =>
        {
            var directory = parse.GetValue(folder)!;
            var stale = 0;
            foreach (var (fileName, text) in ReferenceDocs.Generate(EbpfCommand.Create()))
            {
                var path = Path.Combine(directory, fileName);
                if (File.Exists(path) && File.ReadAllText(path) == text)
                {
                    continue;
                }

                stale++;
                if (parse.GetValue(check))
                {
                    output.WriteLine($"{path} is stale");
                }
                else
                {
                    Directory.CreateDirectory(directory);
                    File.WriteAllText(path, text);
                    output.WriteLine($"wrote {path}");
                }
            }

            return parse.GetValue(check) && stale > 0 ? EbpfCommand.NegativeVerdict : EbpfCommand.Success;
        }));
        return new Command("docs", "Maintain the generated reference documentation.") { Hidden = true, Subcommands = { generate } };
    }
}
