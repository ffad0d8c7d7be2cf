using System.CommandLine;
using Ebpf.Runtime.Execution;

namespace Ebpf.Cli.Commands;

/// <summary>The <c>--engine</c> option shared by every command that runs programs.</summary>
internal static class EngineOption
{
    public static Option<EngineKind> Create()
    {
        var option = new Option<EngineKind>("--engine")
        {
            Description = "Engine that runs the programs: " + string.Join(", ", Engines.Available.Select(Name)) + ".",
            DefaultValueFactory = _ => EngineKind.Interpreter,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                var match = Engines.Available.FirstOrDefault(e => Name(e) == text.ToLowerInvariant(), (EngineKind)(-1));
                if ((int)match == -1)
                {
                    result.AddError($"Unknown engine '{text}'; choose one of {string.Join(", ", Engines.Available.Select(Name))}.");
                }

                return match;
            },
        };
        return option;
    }

    public static string Name(EngineKind engine) => engine.ToString().ToLowerInvariant();
}
