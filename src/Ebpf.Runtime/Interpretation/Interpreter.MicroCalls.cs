using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Interpretation;

/// <summary>
/// The micro-code's rare operations, out of its loop so that the loop stays small: calls, returns from sub-programs,
/// tail calls, the operations that run their step's reference code, and running off the end.
/// </summary>
public sealed unsafe partial class Interpreter
{
    /// <summary>
    /// Runs the rare operation at <paramref name="op"/> and says where to go on: the operation, the frame depth (moved
    /// by calls and returns) and the count bias (moved wherever control does not go on at the next slot, see
    /// <see cref="MicroProgram"/>); a null operation when the run of frame <paramref name="baseDepth"/> ends with
    /// <paramref name="end"/>. Depth and bias travel by value, so that the loop keeps them in registers.
    /// </summary>
    private Resume Rare(MicroProgram micro, MicroOp* op, ulong* regs, Frame* frames, ref RunState state, int depth, int baseDepth, long bias, out ExecutionResult end)
    {
        end = default;
        var code = micro.Code;
        var before = micro.Before;
        var slot = (int)(op - code);
        var count = before[slot] + 1 + bias;
        Continuation next;
        switch (op->Code)
        {
            case MicroCode.GenericArithmetic:
                ref readonly var arithmetic = ref _steps[slot];
                regs[op->Dst] = Evaluate(in arithmetic, regs[op->Dst], Operand(in arithmetic, regs));
                return new Resume(op + 1, depth, bias);
            case MicroCode.GenericAtomic:
                MemoryOperation(in _steps[slot], regs, ref state, depth, isChecked: false);
                return new Resume(op + 1, depth, bias);
            case MicroCode.Call:
                next = CallHelper(micro.Helpers[slot]!, regs, ref state, depth, baseDepth, slot, count, out end);
                break;
            case MicroCode.Generic:
                next = Rare(in _steps[slot], regs, ref state, depth, baseDepth, slot, count, out end);
                break;
            case MicroCode.CallLocal:
                if (depth + 1 >= _options.MaxCallDepth)
                {
                    end = CallTooDeep(slot, count);
                    return default;
                }

                frames[depth] = new Frame(slot + 1, regs[6], regs[7], regs[8], regs[9], 0);
                depth++;
                EnterFrame(state.StackTop, depth);
                regs[10] = state.StackTop - (ulong)(depth * StackFrameSize);
                return new Resume(code + op->Target, depth, bias + op->Delta);
            case MicroCode.Exit:
                if (depth == baseDepth)
                {
                    end = new ExecutionResult(regs[0], null, count);
                    return default;
                }

                var returned = Return(regs, frames, --depth, state.StackTop).ReturnAddress;
                return new Resume(code + returned, depth, count - before[returned]);
            default: // MicroCode.FellOffEnd, the slot past the last
                end = FellOffEnd(slot, before[slot] + bias);
                return default;
        }

        switch (next)
        {
            case Continuation.Next:
                return new Resume(op + 1, depth, bias);
            case Continuation.End:
                return default;
            default: // a tail call from a sub-program: the chain runs in its frame, then its caller goes on
                if (ReplaceFrame(ref state, regs, frames, ref depth, ref count) is { } fault)
                {
                    end = fault;
                    return default;
                }

                var resumed = frames[depth].ReturnAddress;
                return new Resume(code + resumed, depth, count - before[resumed]);
        }
    }

    /// <summary>Where the micro-code loop goes on after a rare operation; a null <see cref="Op"/> when the run ends.</summary>
    private readonly struct Resume(MicroOp* op, int depth, long bias)
    {
        public MicroOp* Op { get; } = op;

        public int Depth { get; } = depth;

        public long Bias { get; } = bias;
    }
}
