using Ebpf.Core.Specs;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf.Loading;

/// <summary>
/// Reads <c>.BTF</c> and <c>.BTF.ext</c>. As in libbpf, BTF is optional: a malformed section is reported
/// as a warning and the object is read without it (unless its maps need it, which the maps step reports).
/// </summary>
internal static class BtfStep
{
    public static void Run(LoadContext context)
    {
        if (context.Elf.Find(BtfSpec.SectionName) is not { } section)
        {
            return;
        }

        if (!BtfSpec.TryParse(section.Data.Span, out var btf, out var problem))
        {
            context.Warnings.Add(problem);
            return;
        }

        context.Btf = btf;
        if (context.Elf.Find(BtfExt.SectionName) is { } extension)
        {
            if (BtfExt.TryParse(extension.Data.Span, btf, out var ext, out var extProblem))
            {
                context.BtfExt = ext;
            }
            else
            {
                context.Warnings.Add(extProblem);
            }
        }
    }

    /// <summary>The source line BTF records for a slot of a function's section, if any.</summary>
    public static Func<FunctionUnit, int, SourceLine?> LineLookup(LoadContext context)
    {
        var bySection = new Dictionary<string, Dictionary<int, SourceLine>>(StringComparer.Ordinal);
        foreach (var (name, section) in context.BtfExt?.Sections ?? new Dictionary<string, BtfExtSection>())
        {
            var lines = bySection[name] = [];
            foreach (var line in section.LineInfos)
            {
                lines[line.InstructionIndex] = new SourceLine(line.FileName, line.Line, line.Column, line.LineText);
            }
        }

        return (function, slot) =>
            bySection.TryGetValue(function.SectionName, out var lines) && lines.TryGetValue(slot, out var line) ? line : null;
    }
}
