using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Verifier.Cfg;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

internal sealed partial class Transformer
{
    /// <summary>Applies what following <paramref name="edge"/> out of <paramref name="from"/> does, beyond the block's instructions.</summary>
    public void ApplyEdge(AbstractState state, BasicBlock from, Edge edge)
    {
        if (state.IsBottom)
        {
            return;
        }

        var depth = _graph.Contexts[from.Context].Depth;
        switch (edge.Kind)
        {
            case EdgeKind.Taken or EdgeKind.NotTaken:
                Assume(state, from.Last, edge.Kind == EdgeKind.Taken);
                break;
            case EdgeKind.Call:
                PushFrame(state, depth);
                for (var r = 6; r <= 9; r++)
                {
                    SetUninitialized(state, r);
                }

                SetUninitialized(state, 0);
                break;
            case EdgeKind.Return:
                PopFrame(state, depth, restoreArguments: false);
                break;
            case EdgeKind.CallbackEnter:
                EnterCallback(state, from.Start, depth);
                break;
            case EdgeKind.CallbackReturn:
                PopFrame(state, depth, restoreArguments: true);
                break;
            case EdgeKind.CallbackDone:
                for (var r = 1; r <= 5; r++)
                {
                    SetUninitialized(state, r);
                }

                SetNumber(state, 0, IntervalArithmetic.Range(true, 64));
                break;
        }
    }

    private void Exit(AbstractState state, int pc, int context)
    {
        var call = _graph.Contexts[context];
        var r0 = state.Registers[0];
        if (call.IsCallback)
        {
            if (r0.Kind != ValueKind.Number || !Signed(state, 0).LessOrEqual(new Interval(0, 1)))
            {
                Fail(state, pc, DiagnosticCode.CallbackReturnValue, $"the callback returns r0 = {Describe(state, 0)}; callbacks return 0 (continue) or 1 (stop)");
            }

            return;
        }

        if (call.Depth > 0)
        {
            return;
        }

        if (!state.OpenRecords.IsEmpty)
        {
            Fail(state, pc, DiagnosticCode.UnreleasedRecord,
                $"the ring buffer record reserved at instruction {state.OpenRecords.Min} may reach the exit without bpf_ringbuf_submit or bpf_ringbuf_discard");
            return;
        }

        if (r0.Kind != ValueKind.Number)
        {
            Fail(state, pc, DiagnosticCode.PointerReturned, $"the program returns r0 = {Describe(state, 0)}: returning a pointer leaks an address");
            return;
        }

        if (Type.ReturnValue.RangeFor(AttachType) is { } range && !Signed(state, 0).LessOrEqual(new Interval(range.Min, range.Max)))
        {
            Fail(state, pc, DiagnosticCode.ReturnValueOutOfRange,
                $"the program may return r0 in {Signed(state, 0)}, but {Type.Name} programs{(AttachType is null ? "" : " of this attach type")} must return a value in {range}");
        }
    }

    /// <summary>Saves r0 to r9 of the caller at frame <paramref name="depth"/> and starts the callee's frame below it.</summary>
    private void PushFrame(AbstractState state, int depth)
    {
        var saved = new AbstractType[10];
        for (var r = 0; r <= 9; r++)
        {
            saved[r] = state.Registers[r];
            var (value, offset) = Vars.Saved(depth, r);
            NumberOps.Copy(state, value, Vars.Registers[r].Value);
            NumberOps.Copy(state, offset, Vars.Registers[r].Offset);
        }

        state.Frames.Add(saved);
        ClearFrame(state, depth + 1);
        SetFramePointer(state, depth + 1);
    }

    /// <summary>
    /// Ends the callee's frame (at <paramref name="depth"/>) and restores the caller's r6 to r9, or r0 to r9 after a
    /// callback, which the caller did not see happen.
    /// </summary>
    private void PopFrame(AbstractState state, int depth, bool restoreArguments)
    {
        if (state.Frames.Count == 0)
        {
            state.SetBottom();
            return;
        }

        var saved = state.Frames[^1];
        state.Frames.RemoveAt(state.Frames.Count - 1);
        for (var r = restoreArguments ? 0 : 1; r <= 9; r++)
        {
            if (r is >= 1 and <= 5 && !restoreArguments)
            {
                SetUninitialized(state, r);
                continue;
            }

            state.Registers[r] = saved[r];
            var (value, offset) = Vars.Saved(depth - 1, r);
            NumberOps.Copy(state, Vars.Registers[r].Value, value);
            NumberOps.Copy(state, Vars.Registers[r].Offset, offset);
        }

        for (var r = 0; r <= 9; r++)
        {
            var (value, offset) = Vars.Saved(depth - 1, r);
            NumberOps.Havoc(state, value);
            NumberOps.Havoc(state, offset);
        }

        ClearFrame(state, depth);
        SetFramePointer(state, depth - 1);
    }

    /// <summary>Enters a callback of the helper called at <paramref name="site"/>: its arguments are what the helper passes.</summary>
    private void EnterCallback(AbstractState state, int site, int depth)
    {
        var helper = _program.Slots[site].Immediate;
        var callerMap = state.Registers[1];
        var context = 3;
        PushFrame(state, depth);
        var callbackContext = state.Frames[^1][context];
        var (ctxValue, ctxOffset) = Vars.Saved(depth, context);
        for (var r = 0; r <= 9; r++)
        {
            SetUninitialized(state, r);
        }

        void PassContext(int register)
        {
            state.Registers[register] = callbackContext;
            NumberOps.Copy(state, Vars.Registers[register].Value, ctxValue);
            NumberOps.Copy(state, Vars.Registers[register].Offset, ctxOffset);
        }

        if (helper == HelperId.ForEachMapElem && callerMap.Kind == ValueKind.MapPointer)
        {
            // bpf_for_each_map_elem calls back (map, key, value, ctx).
            SetPointer(state, 1, callerMap, 0);
            SetPointer(state, 2, new AbstractType(ValueKind.MapKey, Map: callerMap.Map), 0);
            SetPointer(state, 3, MapValue(callerMap.Map), 0);
            PassContext(4);
        }
        else
        {
            // bpf_loop calls back (index, ctx); the index is a u32 below nr_loops.
            SetNumber(state, 1, IntervalArithmetic.Range(false, 32));
            PassContext(2);
        }
    }

    /// <summary>A frame that starts or ends holds nothing.</summary>
    private void ClearFrame(AbstractState state, int depth)
    {
        var bottom = FrameTop(depth) - AbstractState.FrameSize;
        state.SetInitialized(bottom, AbstractState.FrameSize, false);
        ForgetCells(state, bottom, AbstractState.FrameSize);
    }
}
