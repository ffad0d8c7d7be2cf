using System.CommandLine;
using Ebpf.Runtime.Execution;

namespace Ebpf.Cli.Commands;

/// <summary>The <c>--engine</c> option shared by every command that runs programs.</summary>
internal static class EngineOption
{
    /// <summary>
    /// The option, defaulting to <paramref name="defaultEngine"/>: the JIT where programs are verified before they
    /// run, the interpreter for raw bytecode that nothing verified.
    /// </summary>
    public static Option<EngineKind> Create(EngineKind defaultEngine = EngineKind.Jit)
    {
        var option = new Option<EngineKind>("--engine")
        {
            Description = "Engine that runs the programs: " + string.Join(", ", Engines.Available.Select(Name)) + ".",
            DefaultValueFactory = _ => defaultEngine,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Parse(text) is { } match)
                {
                    return match;
                }

                result.AddError($"Unknown engine '{text}'; choose one of {string.Join(", ", Engines.Available.Select(Name))}.");
                return EngineKind.Interpreter;
            },
        };
        return option;
    }

    public static string Name(EngineKind engine) => engine.ToString().ToLowerInvariant();

    /// <summary>The engine named <paramref name="text"/> (<c>interpreter</c>, <c>jit</c>), or null.</summary>
    public static EngineKind? Parse(string text) =>
        Engines.Available.Where(e => Name(e) == text.ToLowerInvariant()).Select(e => (EngineKind?)e).FirstOrDefault();
}
