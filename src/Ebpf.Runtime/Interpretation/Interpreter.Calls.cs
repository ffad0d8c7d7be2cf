using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Interpretation;

/// <summary>
/// What both loops (the reference steps and the unchecked micro-code) do alike: helper calls and tail calls, returns
/// to a caller, legacy packet loads, and the faults they stop with, so that the two report the same thing.
/// </summary>
public sealed unsafe partial class Interpreter
{
    /// <summary>How a loop goes on after a call or a legacy packet load.</summary>
    private enum Continuation
    {
        /// <summary>At the next instruction.</summary>
        Next,

        /// <summary>The frame's run ends with the result given.</summary>
        End,

        /// <summary>A tail call from a sub-program: run <see cref="RunState.TailCallTarget"/> in its frame, then return to its caller.</summary>
        TailCallInFrame,
    }

    /// <summary>Calls, calls through a register, kfuncs and legacy packet loads, by the step's reference semantics.</summary>
    private Continuation Rare(in Step s, ulong* regs, ref RunState state, int depth, int baseDepth, int pc, long count, out ExecutionResult end)
    {
        switch (s.Operation)
        {
            case Operation.Call or Operation.CallX:
                var id = s.Operation == Operation.Call ? s.Immediate : (long)regs[s.Destination];
                if (_helpers.Find(id) is { } helper)
                {
                    return CallHelper(helper, regs, ref state, depth, baseDepth, pc, count, out end);
                }

                end = Fault(DiagnosticCode.UnknownHelper, pc, $"helper {id} is not available to this program", count);
                return Continuation.End;

            case Operation.CallKfunc:
                end = Fault(DiagnosticCode.UnsupportedAtRuntime, pc, $"kernel function {s.Immediate} cannot be called in user mode", count);
                return Continuation.End;

            case Operation.LoadPacketAbsolute or Operation.LoadPacketIndirect:
                return LoadPacket(in s, regs, in state, pc, count, out end);

            default:
                end = Unresolved(in s, pc, count);
                return Continuation.End;
        }
    }

    /// <summary>Calls a helper with r1 to r5, its result in r0; a tail call it asks for replaces the caller's frame.</summary>
    private Continuation CallHelper(HelperDefinition helper, ulong* regs, ref RunState state, int depth, int baseDepth, int pc, long count, out ExecutionResult end)
    {
        end = default;
        var context = state.Helpers ??= new HelperContext(_options.Checked, state.Regions, state.Request.Environment) { Host = this };
        context.Reset();
        context.Stack = new MemoryRegion(state.StackTop - (ulong)((depth + 1) * StackFrameSize), (ulong)((depth + 1) * StackFrameSize), true, "stack");
        var tailContext = regs[1];
        regs[0] = helper.Function(context, regs[1], regs[2], regs[3], regs[4], regs[5]);
        if (context.FailureMessage is { } failure)
        {
            end = Fault(DiagnosticCode.HelperFault, pc, $"helper {helper.Name} ({helper.Id}) failed: {failure}", count);
            return Continuation.End;
        }

        if (context.ExitRequested)
        {
            end = new ExecutionResult(regs[0], null, count);
            return Continuation.End;
        }

        if (context.TailCallTarget is { } target)
        {
            // A tail call replaces the running program, or the sub-program that made it, whose caller then gets the
            // target's result, as Linux's JITs do. Inside a callback (which Linux refuses to load), past 33, or to
            // another engine's program, it fails and the program goes on.
            if (!state.InCallback && target is Interpreter next && ++state.TailCalls <= MaxTailCalls)
            {
                state.TailCallContext = tailContext;
                state.TailCallTarget = next;
                end = new ExecutionResult(0, null, count);
                return depth == baseDepth ? Continuation.End : Continuation.TailCallInFrame;
            }

            regs[0] = unchecked((ulong)-2L); // -ENOENT
        }

        return Continuation.Next;
    }

    /// <summary>Returns from frame <paramref name="depth"/> + 1 to its caller's: restores r6 to r9 and r10.</summary>
    private static Frame Return(ulong* regs, Frame* frames, int depth, ulong stackTop)
    {
        var caller = frames[depth];
        (regs[6], regs[7], regs[8], regs[9]) = (caller.R6, caller.R7, caller.R8, caller.R9);
        regs[10] = stackTop - (ulong)(depth * StackFrameSize);
        return caller;
    }

    /// <summary>
    /// Runs the tail calls a sub-program made in its frame (<see cref="RunState.TailCallTarget"/> first), then returns
    /// to its caller with the last target's result in r0: null then, and <c>frames[depth]</c> is the caller's frame;
    /// otherwise the fault that stopped the chain. The count goes on from <paramref name="count"/>.
    /// </summary>
    private static ExecutionResult? ReplaceFrame(ref RunState state, ulong* regs, Frame* frames, ref int depth, ref long count)
    {
        var replaced = RunTailCalls(ref state, state.TailCallTarget!, depth, count);
        count = replaced.InstructionCount;
        if (replaced.Fault is not null)
        {
            return replaced;
        }

        regs[0] = replaced.ReturnValue;
        Return(regs, frames, --depth, state.StackTop);
        return null;
    }

    /// <summary><c>ldabs</c> and <c>ldind</c>: r0 gets the packet's bytes in network order, or the program ends with 0.</summary>
    private static Continuation LoadPacket(in Step s, ulong* regs, in RunState state, int pc, long count, out ExecutionResult end)
    {
        end = default;
        if (state.Request.Packet is null)
        {
            end = Fault(DiagnosticCode.UnsupportedAtRuntime, pc, "legacy packet loads need a packet, and this run has none", count);
            return Continuation.End;
        }

        var offset = LegacyPacketLoad.Offset(s.Immediate, regs[s.Source], s.Operation == Operation.LoadPacketIndirect);
        if (!LegacyPacketLoad.TryResolve(state.Request, offset, s.Width / 8, out var address))
        {
            // Linux ends the program with 0 when a legacy load falls outside the packet.
            end = new ExecutionResult(0, null, count);
            return Continuation.End;
        }

        regs[0] = Arithmetic.Swap(Load(address, s.Width / 8), s.Width);
        return Continuation.Next;
    }

    private static ExecutionResult FellOffEnd(int pc, long count) =>
        Fault(DiagnosticCode.FellOffEnd, pc - 1, "execution ran past the last instruction without exit", count);

    private ExecutionResult CallTooDeep(int pc, long count) =>
        Fault(DiagnosticCode.CallDepthExceeded, pc, $"local calls nest deeper than {_options.MaxCallDepth} frames", count);

    private static ExecutionResult Unresolved(in Step s, int pc, long count) => Fault(DiagnosticCode.UnsupportedAtRuntime, pc,
        $"lddw with pseudo source {s.PseudoSource} must be resolved by a loader before the program runs", count);
}
