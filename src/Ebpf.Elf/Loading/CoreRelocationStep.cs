using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Btf;
using Ebpf.Elf.CoRe;

namespace Ebpf.Elf.Loading;

/// <summary>
/// Applies the CO-RE relocations of <c>.BTF.ext</c> to each code section against the target BTF, as libbpf does when
/// it loads an object: offsets, sizes, existence and enum values become the target's. A relocation the target cannot
/// satisfy poisons its instruction and is reported as a warning; a malformed or ambiguous one refuses the object.
/// </summary>
internal static class CoreRelocationStep
{
    public static void Run(LoadContext context, BtfSpec? target)
    {
        if (context.Btf is not { } local || context.BtfExt is not { } ext)
        {
            return;
        }

        foreach (var (sectionName, records) in ext.Sections)
        {
            if (records.CoreRelocations.IsEmpty)
            {
                continue;
            }

            var code = CodeOf(context, sectionName);
            for (var i = 0; i < records.CoreRelocations.Length; i++)
            {
                var relocation = records.CoreRelocations[i];
                Apply(context, local, target, sectionName, code, i, relocation);
            }
        }
    }

    private static void Apply(LoadContext context, BtfSpec local, BtfSpec? target, string section, Instruction[] code, int index, BtfCoreRelocation relocation)
    {
        var slot = relocation.InstructionIndex;
        if (slot < 0 || slot >= code.Length)
        {
            throw Failed(section, index, relocation, local, $"instruction {slot} is outside the section's {code.Length}");
        }

        if (CoreResolver.Resolve(local, relocation, target, out var error) is not { } result)
        {
            var diagnosticCode = target is null ? DiagnosticCode.CoreTargetBtfRequired : DiagnosticCode.CoreRelocationFailed;
            throw new MalformedInputException(new Diagnostic(diagnosticCode, Describe(index, relocation, local) + ": " + error,
                new DiagnosticLocation(Section: section, InstructionIndex: slot)));
        }

        if (CorePatcher.Patch(code, slot, result) is { } patchError)
        {
            throw Failed(section, index, relocation, local, patchError);
        }

        if (result.Poison || CoreRelocationPoison.IsPoisoned(code[slot]))
        {
            context.Warnings.Add(new Diagnostic(DiagnosticCode.UnresolvedCoreRelocation,
                $"{Describe(index, relocation, local)}: no match in the target BTF; the instruction is poisoned, so the program "
                + "is refused only if it can reach it",
                new DiagnosticLocation(Section: section, InstructionIndex: slot)));
        }
    }

    private static Instruction[] CodeOf(LoadContext context, string sectionName)
    {
        foreach (var (index, code) in context.Code)
        {
            if (context.Elf.Sections[index].Name == sectionName)
            {
                return code;
            }
        }

        throw MalformedInputException.At(DiagnosticCode.CoreRelocationFailed,
            $"CO-RE relocations name section '{sectionName}', which holds no code", BtfExt.SectionName);
    }

    /// <summary>The relocation as libbpf's log names it: <c>relo #3: byte_off [12] struct task_struct.pid (0:2)</c>.</summary>
    internal static string Describe(int index, BtfCoreRelocation relocation, BtfSpec local)
    {
        var type = local.TryGetType(relocation.TypeId, out _) ? local.FormatType(relocation.TypeId) : "?";
        return $"CO-RE relocation #{index} ({CoreKinds.Name(relocation.Kind)} [{relocation.TypeId}] {type}, access {relocation.AccessString})";
    }

    private static MalformedInputException Failed(string section, int index, BtfCoreRelocation relocation, BtfSpec local, string message) =>
        new(new Diagnostic(DiagnosticCode.CoreRelocationFailed, Describe(index, relocation, local) + ": " + message,
            new DiagnosticLocation(Section: section, InstructionIndex: relocation.InstructionIndex)));
}
