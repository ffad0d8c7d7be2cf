using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Format;

namespace Ebpf.Elf.Loading;

/// <summary>
/// Applies the relocations of every executable section, as libbpf does: <c>lddw</c> of a map becomes a
/// map-by-index reference, <c>lddw</c> of global data a map-value reference with its offset, <c>lddw</c> of
/// a function a code address, and calls are resolved to the function they enter.
/// </summary>
internal static class RelocationStep
{
    public static void Run(LoadContext context)
    {
        foreach (var (sectionIndex, code) in context.Code)
        {
            var section = context.Elf.Sections[sectionIndex];
            var relocated = new HashSet<int>();
            foreach (var relocation in context.Elf.RelocationsOf(sectionIndex))
            {
                var slot = Slot(relocation, code.Length, section.Name);
                Apply(context, section, code, slot, relocation);
                relocated.Add(slot);
            }

            // Calls within a section need no relocation: their immediate is relative to the call.
            for (var slot = 0; slot < code.Length; slot++)
            {
                if (IsLocalCall(code[slot]) && !relocated.Contains(slot))
                {
                    Target(context, section, slot, sectionIndex, slot + 1 + (long)code[slot].Immediate);
                }
            }
        }
    }

    private static int Slot(ElfRelocation relocation, int slots, string section)
    {
        if (relocation.Offset % Instruction.Size != 0 || relocation.Offset / Instruction.Size >= (ulong)slots)
        {
            throw Error($"relocation at offset {relocation.Offset} does not land on an instruction", section);
        }

        return (int)(relocation.Offset / Instruction.Size);
    }

    private static void Apply(LoadContext context, ElfSection section, Instruction[] code, int slot, ElfRelocation relocation)
    {
        var symbol = relocation.Symbol;
        var insn = code[slot];
        if (symbol.IsUndefined && context.Externs.TryGetValue(symbol.Name, out var external)
            && relocation.Type == ElfConstants.Relocation64_64 && insn.Opcode == 0x18 && slot + 1 < code.Length)
        {
            // A __kconfig extern: a load of its place in the .kconfig map's value, as for global data.
            code[slot] = insn with { Source = (Register)LoadImm64Source.MapValueByIndex, Immediate = external.Map };
            code[slot + 1] = code[slot + 1] with { Immediate = external.Offset + insn.Immediate };
            return;
        }

        if (symbol.IsUndefined)
        {
            throw MalformedInputException.At(DiagnosticCode.UnresolvedSymbol,
                $"instruction {slot} refers to '{symbol.Name}', which no section of the object defines (only __kconfig externs are provided)", section.Name);
        }

        switch (relocation.Type)
        {
            case ElfConstants.Relocation64_32 when IsLocalCall(insn):
                Target(context, section, slot, symbol.SectionIndex, (long)(symbol.Value / Instruction.Size) + insn.Immediate + 1);
                break;
            case ElfConstants.Relocation64_64 when insn.Opcode == 0x18 && slot + 1 < code.Length:
                LoadImm64(context, section, code, slot, symbol);
                break;
            case ElfConstants.RelocationNone:
                break;
            default:
                throw Error($"relocation type {relocation.Type} at instruction {slot} (opcode 0x{insn.Opcode:x2}) is not supported", section.Name);
        }
    }

    private static void LoadImm64(LoadContext context, ElfSection section, Instruction[] code, int slot, ElfSymbol symbol)
    {
        var target = context.Elf.Sections[symbol.SectionIndex];
        if (context.MapsByLocation.TryGetValue((symbol.SectionIndex, symbol.Value), out var map))
        {
            code[slot] = code[slot] with { Source = (Register)LoadImm64Source.MapByIndex, Immediate = map };
        }
        else if (context.DataMapsBySection.TryGetValue(symbol.SectionIndex, out var data))
        {
            // The addend is in the instruction: the offset of the variable in its section.
            var offset = (long)symbol.Value + code[slot].Immediate;
            if (offset < 0 || (ulong)offset >= target.Size)
            {
                throw Error($"instruction {slot} points {offset} bytes into {target.Name}, outside its {target.Size} bytes", section.Name);
            }

            code[slot] = code[slot] with { Source = (Register)LoadImm64Source.MapValueByIndex, Immediate = data };
            code[slot + 1] = code[slot + 1] with { Immediate = (int)offset };
        }
        else if (target.IsExecutable)
        {
            // A function's address (callbacks for bpf_loop and friends): the addend is a byte offset.
            code[slot] = code[slot] with { Source = (Register)LoadImm64Source.CodeAddress };
            Target(context, section, slot, symbol.SectionIndex, (long)(symbol.Value + (ulong)(long)code[slot].Immediate) / Instruction.Size);
        }
        else
        {
            throw Error($"instruction {slot} refers to '{symbol.Name}' in section {target.Name}, which holds neither maps, global data nor code", section.Name);
        }
    }

    private static void Target(LoadContext context, ElfSection section, int slot, int targetSection, long targetSlot)
    {
        var function = targetSlot is >= 0 and <= int.MaxValue ? context.FunctionAt(targetSection, (int)targetSlot) : null;
        if (function is null)
        {
            throw Error($"instruction {slot} calls instruction {targetSlot} of {context.Elf.Sections[targetSection].Name}, where no function starts", section.Name);
        }

        context.CallTargets[(section.Index, slot)] = function;
    }

    private static bool IsLocalCall(Instruction insn) => insn.Opcode == 0x85 && insn.Source == (Register)1;

    private static MalformedInputException Error(string message, string section) =>
        MalformedInputException.At(DiagnosticCode.MalformedRelocation, message, section);
}
