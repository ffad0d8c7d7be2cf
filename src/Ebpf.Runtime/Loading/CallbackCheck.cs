using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Loading;

/// <summary>
/// Refuses, at load, programs whose callbacks can reach <c>bpf_tail_call</c>: Linux's verifier (6.18) refuses
/// them, so they never run there. Callbacks are the functions whose address the program takes (<c>lddw</c>
/// code-address references); every instruction they reach, through jumps and local calls, is searched.
/// </summary>
internal static class CallbackCheck
{
    public static void Run(ProgramSpec program, DecodedProgram code)
    {
        for (var i = 0; i < code.Count; i++)
        {
            if (code.FormAt(i) is { Operation: Operation.LoadImm64 } && code.Slots[i].Source == (Register)LoadImm64Source.CodeAddress
                && Reaches(code, i + 1 + code.Slots[i].Immediate, HelperId.TailCall) is { } call)
            {
                throw new DiagnosticException([new Diagnostic(DiagnosticCode.TailCallInCallback,
                    $"the callback at instruction {i + 1 + code.Slots[i].Immediate} reaches bpf_tail_call at instruction {call}, which Linux refuses to load",
                    new DiagnosticLocation(Program: program.Name, InstructionIndex: call))]);
            }
        }
    }

    /// <summary>The first instruction reachable from <paramref name="entry"/> that calls helper <paramref name="helper"/>, or null.</summary>
    private static int? Reaches(DecodedProgram code, int entry, int helper)
    {
        var seen = new bool[code.Count];
        var pending = new Stack<int>([entry]);
        while (pending.TryPop(out var pc))
        {
            if ((uint)pc >= (uint)code.Count || seen[pc] || code.FormAt(pc) is not { } form)
            {
                continue;
            }

            seen[pc] = true;
            if (form.Operation == Operation.Call && code.Slots[pc].Immediate == helper)
            {
                return pc;
            }

            switch (form.Operation)
            {
                case Operation.Exit:
                    break;
                case Operation.Ja:
                    pending.Push(code.TargetOf(pc));
                    break;
                case Operation.LoadImm64:
                    pending.Push(pc + 2);
                    break;
                default:
                    if (form.Kind == OperationKind.Jump || form.Operation == Operation.CallLocal)
                    {
                        pending.Push(code.TargetOf(pc));
                    }

                    pending.Push(pc + 1);
                    break;
            }
        }

        return null;
    }
}
