using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Format;

namespace Ebpf.Elf.Loading;

/// <summary>
/// Finds the functions of every executable section through their symbols: in <c>.text</c> they are
/// sub-programs; in any other section, programs (which may also be called).
/// </summary>
internal static class FunctionsStep
{
    public const string TextSection = ".text";

    public static void Run(LoadContext context)
    {
        foreach (var section in context.Elf.Sections.Where(s => s.IsExecutable && s.Size > 0))
        {
            if (section.Data.Length % Instruction.Size != 0)
            {
                throw MalformedInputException.At(DiagnosticCode.MalformedElf,
                    $"the code is {section.Data.Length} bytes long, not a multiple of {Instruction.Size}", section.Name);
            }

            var code = new Instruction[section.Data.Length / Instruction.Size];
            for (var i = 0; i < code.Length; i++)
            {
                code[i] = Instruction.Read(section.Data.Span[(i * Instruction.Size)..]);
            }

            context.Code[section.Index] = code;
            context.Functions[section.Index] = FindFunctions(context, section, code.Length);
        }
    }

    private static List<FunctionUnit> FindFunctions(LoadContext context, ElfSection section, int slots)
    {
        var isText = section.Name == TextSection;
        var functions = new List<FunctionUnit>();
        foreach (var symbol in context.Elf.Symbols.Where(s => s.SectionIndex == section.Index && s.Type == ElfSymbolType.Function).OrderBy(s => s.Value))
        {
            if (symbol.Value % Instruction.Size != 0 || symbol.Size % Instruction.Size != 0
                || symbol.Value + symbol.Size > (ulong)section.Data.Length)
            {
                throw MalformedInputException.At(DiagnosticCode.MalformedSymbol,
                    $"function '{symbol.Name}' at offset {symbol.Value}, size {symbol.Size}, does not fit the section's instructions", section.Name);
            }

            if (!isText && symbol.Binding == ElfSymbolBinding.Local)
            {
                // libbpf refuses static programs: they could not be found by name from user space.
                context.Warnings.Add(new Diagnostic(DiagnosticCode.MalformedSymbol,
                    $"program '{symbol.Name}' is static; it is kept, but libbpf would refuse it", new DiagnosticLocation(Section: section.Name)));
            }

            var start = (int)(symbol.Value / Instruction.Size);
            var length = symbol.Size == 0 ? slots - start : (int)(symbol.Size / Instruction.Size);
            functions.Add(new FunctionUnit(symbol.Name, section.Index, section.Name, start, length, !isText));
        }

        if (functions.Count == 0 && !isText)
        {
            // Hand-written objects may carry code without a function symbol: the whole section is one program.
            functions.Add(new FunctionUnit(section.Name, section.Index, section.Name, 0, slots, true));
        }

        return functions;
    }
}
