using System.CommandLine;

namespace Ebpf.Cli.Commands;

/// <summary>bpftool's optional <c>program NAME</c> (or <c>name NAME</c>) after an object path.</summary>
internal static class ProgramSelector
{
    public static Argument<string[]> Create() => new("selector")
    {
        Description = "Optionally 'program NAME': only that program.",
        Arity = new ArgumentArity(0, 2),
        Validators =
        {
            result =>
            {
                var tokens = result.Tokens.Select(t => t.Value).ToArray();
                if (tokens.Length != 0 && (tokens.Length != 2 || tokens[0] is not ("program" or "name")))
                {
                    result.AddError($"Expected 'program NAME' after the object, not '{string.Join(' ', tokens)}'.");
                }
            },
        },
    };

    /// <summary>The selected program name, or null for all.</summary>
    public static string? Name(ParseResult parse, Argument<string[]> selector) =>
        parse.GetValue(selector) is [_, var name] ? name : null;
}
