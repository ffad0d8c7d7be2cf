using System.Collections.Immutable;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;

namespace Ebpf.Elf.Loading;

/// <summary>
/// Builds each program's instructions: its own function, then every function it reaches through calls
/// or function addresses, each appended once, with call immediates rewritten to the new layout.
/// </summary>
internal static class LinkStep
{
    public static ImmutableArray<ProgramSpec> Run(LoadContext context, Func<FunctionUnit, int, SourceLine?>? lineOf = null)
    {
        var programs = ImmutableArray.CreateBuilder<ProgramSpec>();
        foreach (var program in context.Functions.OrderBy(f => f.Key).SelectMany(f => f.Value).Where(f => f.IsProgram))
        {
            programs.Add(Link(context, program, lineOf));
        }

        return programs.ToImmutable();
    }

    private static ProgramSpec Link(LoadContext context, FunctionUnit program, Func<FunctionUnit, int, SourceLine?>? lineOf)
    {
        var order = new List<FunctionUnit> { program };
        var starts = new Dictionary<FunctionUnit, int> { [program] = 0 };
        var output = new List<Instruction>();
        var lines = new List<SourceLine?>();
        for (var i = 0; i < order.Count; i++)
        {
            var function = order[i];
            var code = context.Code[function.Section];
            starts[function] = output.Count;
            for (var slot = function.Start; slot < function.Start + function.Length; slot++)
            {
                output.Add(code[slot]);
                lines.Add(lineOf?.Invoke(function, slot));
                // Reached for the first time: mark it, it is placed when its turn comes.
                if (context.CallTargets.TryGetValue((function.Section, slot), out var target) && starts.TryAdd(target, -1))
                {
                    order.Add(target);
                }
            }
        }

        foreach (var function in order)
        {
            for (var slot = function.Start; slot < function.Start + function.Length; slot++)
            {
                if (context.CallTargets.TryGetValue((function.Section, slot), out var target))
                {
                    var at = starts[function] + slot - function.Start;
                    output[at] = output[at] with { Immediate = starts[target] - at - 1 };
                }
            }
        }

        var definition = SectionDefinitions.Find(program.SectionName, out var attachTarget);
        return new ProgramSpec(
            program.Name,
            program.SectionName,
            definition?.Type ?? Core.Abi.ProgramType.Unspecified,
            definition?.AttachType,
            attachTarget,
            [.. output],
            [.. order.Select(f => new FunctionSpan(f.Name, starts[f], f.Length))],
            [.. lines]);
    }
}
