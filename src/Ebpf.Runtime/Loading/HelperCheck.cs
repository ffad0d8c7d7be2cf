using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Helpers;

namespace Ebpf.Runtime.Loading;

/// <summary>Refuses, at load, programs that call helpers their type may not call or that this platform lacks.</summary>
internal static class HelperCheck
{
    public static void Run(ProgramSpec program, ProgramType type, DecodedProgram code, HelperTable helpers, AbiTable abi)
    {
        if (abi.FindProgramType(type) is null)
        {
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.ProgramTypeNotSupported,
                $"programs of type {(program.Platform == AbiPlatform.Linux ? type.ToString() : $"{(int)type} of {abi.Platform}")} (section '{program.SectionName}') are not supported yet", new DiagnosticLocation(Program: program.Name))]);
        }

        var problems = new List<Diagnostic>();
        for (var i = 0; i < code.Count; i++)
        {
            if (code.FormAt(i) is not { Operation: Operation.Call })
            {
                continue;
            }

            var id = code.Slots[i].Immediate;
            if (CoreRelocationPoison.IsPoisoned(code.Slots[i]))
            {
                // Refused by the verifier if reachable, as the kernel refuses it; dead code otherwise.
                continue;
            }

            var name = abi.FindHelper(id, abi.FindProgramType(type))?.Name ?? $"#{id}";
            var where = new DiagnosticLocation(Program: program.Name, InstructionIndex: i);
            if (!abi.IsHelperAllowed(type, id))
            {
                problems.Add(new Diagnostic(DiagnosticCode.HelperNotAllowed, $"helper {name} ({id}) is not allowed in {abi.FindProgramType(type)?.Name ?? type.ToString()} programs", where));
            }
            else if (helpers.Find(id) is null)
            {
                problems.Add(new Diagnostic(DiagnosticCode.HelperNotImplemented, $"helper {name} ({id}) is not implemented yet", where));
            }
        }

        if (problems.Count > 0)
        {
            throw new DiagnosticException(problems);
        }
    }
}
