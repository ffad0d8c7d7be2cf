using System.Reflection;
using System.Reflection.Emit;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// Emits the IL of one function: eBPF registers become IL locals, instructions become the IL that
/// <see cref="Interpretation.Arithmetic"/> and the interpreter define, jumps become branches between labels.
/// </summary>
/// <remarks>
/// Arguments of the generated method: 0 the <see cref="JitConstants"/>, 1 to 5 r1 to r5, 6 the frame pointer,
/// 7 the <see cref="JitState"/> by reference. Anything that ends the run early (a fault, an exit requested
/// by a helper, a tail call) sets <see cref="JitState.Stop"/> and returns; callers check it after each call.
/// </remarks>
internal sealed unsafe partial class FunctionEmitter
{
    private const int FrameSize = ExecutionOptions.StackFrameSize;
    private const int FramePointerArgument = 2;
    private const int StateArgument = 3;

    private static readonly MethodInfo FaultMethod = typeof(JitRuntime).GetMethod(nameof(JitRuntime.Fault))!;
    private static readonly FieldInfo StopField = typeof(JitState).GetField(nameof(JitState.Stop), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo ExecutedField = typeof(JitState).GetField(nameof(JitState.Executed), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo LimitField = typeof(JitState).GetField(nameof(JitState.Limit), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo BudgetExceeded = typeof(JitRuntime).GetMethod(nameof(JitRuntime.BudgetExceeded))!;

    private readonly JitCompiler _compiler;
    private readonly DecodedProgram _program;
    private readonly int _entry;
    private readonly IlRecorder _il;
    private readonly LocalBuilder[] _r = new LocalBuilder[11];
    private readonly Dictionary<int, Label> _labels = [];

    /// <summary>Registers known to hold an <c>lddw</c> constant at the current instruction (map handles, for inlining).</summary>
    private readonly ulong?[] _known = new ulong?[11];

    private LocalBuilder? _context;
    private LocalBuilder? _scratch;
    private Label _unwind;

    public FunctionEmitter(JitCompiler compiler, int entry, IlRecorder il)
    {
        _compiler = compiler;
        _program = compiler.Program;
        _entry = entry;
        _il = il;
    }

    public void Emit()
    {
        var order = Reachable();
        var jumpTargets = JumpTargets(order);
        for (var r = 0; r < _r.Length; r++)
        {
            _r[r] = _il.DeclareLocal(typeof(ulong), "r" + r);
        }

        for (var k = 0; k < order.Length; k++)
        {
            var next = order[k] + SlotCount(order[k]);
            if (jumpTargets.Contains(order[k]) || (k > 0 && order[k - 1] + SlotCount(order[k - 1]) != order[k]))
            {
                _labels[order[k]] = _il.DefineLabel();
            }

            if (next < _program.Count && (k + 1 == order.Length || order[k + 1] != next))
            {
                _labels.TryAdd(next, _il.DefineLabel());
            }
        }

        // A copied loop's first copy leaves by a branch to what follows it (the second copy is in between).
        var loops = LoopCopies.Find(_program, order);
        foreach (var last in loops.Values)
        {
            if (last + SlotCount(last) < _program.Count)
            {
                _labels.TryAdd(last + SlotCount(last), _il.DefineLabel());
            }
        }

        _unwind = _il.DefineLabel();
        // Arguments as JitEntry orders them: r1, the frame pointer, the state, then r2 to r5.
        _il.LoadArgument(1);
        _il.Emit(OpCodes.Stloc, _r[1]);
        for (var r = 2; r <= 5; r++)
        {
            _il.LoadArgument(StateArgument + r - 1);
            _il.Emit(OpCodes.Stloc, _r[r]);
        }

        _il.LoadArgument(FramePointerArgument);
        _il.Emit(OpCodes.Stloc, _r[10]);
        ZeroFrame(order);
        for (var k = 0; k < order.Length; k++)
        {
            if (loops.TryGetValue(order[k], out var last))
            {
                k = EmitTwice(order, k, last, jumpTargets);
                continue;
            }

            EmitStep(order, k, jumpTargets, LabelAt(_labels, order[k]), leaves: false);
        }

        _il.MarkLabel(_unwind);
        _il.Emit(OpCodes.Ldc_I8, 0L);
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>
    /// Emits <c>order[k]</c> and, when execution may go on past it to an instruction not emitted next (or
    /// <paramref name="leaves"/>: the next one emitted is not its successor), a branch there.
    /// </summary>
    private void EmitStep(int[] order, int k, HashSet<int> jumpTargets, Label? label, bool leaves)
    {
        var index = order[k];
        if (k == 0 || jumpTargets.Contains(index) || order[k - 1] + SlotCount(order[k - 1]) != index)
        {
            Array.Clear(_known);
            ForgetFrame();
        }

        if (label is { } mark)
        {
            _il.MarkLabel(mark);
        }

        if (_il.IsRecording)
        {
            _il.Comment($"{index}: {Disassembler.Format(_program, index)}");
        }

        if (_compiler.Options.InstructionBudget is not null)
        {
            EmitCount(index);
        }

        var goesOn = EmitInstruction(index);
        TrackFrame(index);
        if (!goesOn)
        {
            return;
        }

        var next = index + SlotCount(index);
        if (!leaves && k + 1 < order.Length && order[k + 1] == next)
        {
            return;
        }

        if (next >= _program.Count)
        {
            EmitFault(DiagnosticCode.FellOffEnd, _program.Count - 1, "execution ran past the last instruction without exit");
        }
        else
        {
            _il.Emit(OpCodes.Br, _labels[next]);
        }
    }

    /// <summary>The label a jump to <paramref name="target"/> branches to: in a copied loop, the copy's own.</summary>
    private Label LabelOf(int target) => _copy is not null && _copy.TryGetValue(target, out var label) ? label : _labels[target];

    /// <summary>Emits one instruction; returns whether execution may continue with the next one.</summary>
    private bool EmitInstruction(int index)
    {
        var slot = _program.Slots[index];
        var form = _program.FormAt(index)!;
        switch (form.Kind)
        {
            case OperationKind.Arithmetic:
                EmitArithmetic(slot, form);
                Forget(slot.Destination);
                return true;
            case OperationKind.Jump:
                return EmitJump(index, slot, form);
            case OperationKind.Call:
                return EmitCall(index, slot, form);
            case OperationKind.Exit:
                Load(0);
                _il.Emit(OpCodes.Ret);
                return false;
            case OperationKind.Load:
                return EmitLoad(index, slot, form);
            case OperationKind.Store:
                EmitStore(slot, form);
                return true;
            default:
                EmitAtomic(slot, form);
                Forget(form.Operation == Operation.AtomicCompareExchange ? Register.R0 : slot.Source);
                return true;
        }
    }

    private int SlotCount(int index) => _program.FormAt(index)?.SlotCount ?? 1;

    private int[] Reachable() => FunctionLayout.Reachable(_program, _entry);

    private HashSet<int> JumpTargets(int[] order)
    {
        var targets = new HashSet<int>();
        foreach (var index in order)
        {
            if (_program.FormAt(index)!.Kind == OperationKind.Jump)
            {
                targets.Add(_program.TargetOf(index));
            }
        }

        return targets;
    }

    /// <summary>
    /// Zeroes the function's frame as it is entered, as the interpreter does, so no run sees what an earlier one
    /// left on the stack. Only the bytes the function can reach are zeroed: none when it never reads r10, the range
    /// its r10-based accesses cover when r10 is only ever their base, the whole frame once r10 is copied anywhere
    /// (the pointer may then reach any byte, through other registers, callees or helpers). Verified programs read
    /// no stack byte they did not write (<see cref="ExecutionOptions.Verified"/>), so for them nothing is zeroed.
    /// </summary>
    private void ZeroFrame(int[] order)
    {
        if (_compiler.Options.Verified)
        {
            return;
        }

        var lowest = 0;
        foreach (var index in order)
        {
            var slot = _program.Slots[index];
            var form = _program.FormAt(index)!;
            if ((RegisterUsage.Reads(slot, form) & RegisterUsage.Bit(Register.R10)) == 0)
            {
                continue;
            }

            var isBase = form.Kind switch
            {
                OperationKind.Load => form.Operation is Operation.Load or Operation.LoadSignExtend && slot.Source == Register.R10,
                OperationKind.Store or OperationKind.Atomic => slot.Destination == Register.R10 && slot.Source != Register.R10,
                _ => false,
            };
            if (!isBase || slot.Offset > 0 || slot.Offset < -FrameSize)
            {
                lowest = -FrameSize;
                break;
            }

            lowest = Math.Min(lowest, (int)slot.Offset);
        }

        if (lowest == 0)
        {
            return;
        }

        Load(Register.R10);
        _il.Emit(OpCodes.Ldc_I8, (long)lowest);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Ldc_I4, -lowest);
        _il.Emit(OpCodes.Initblk);
    }

    private void Load(Register register) => _il.Emit(OpCodes.Ldloc, _r[(int)register]);

    private void Load(int register) => _il.Emit(OpCodes.Ldloc, _r[register]);

    private void Store(Register register) => _il.Emit(OpCodes.Stloc, _r[(int)register]);

    private void Store(int register) => _il.Emit(OpCodes.Stloc, _r[register]);

    private void Forget(Register register) => _known[(int)register] = null;

    private void LoadState() => _il.LoadArgument(StateArgument);

    /// <summary>Stops the run with a fault and unwinds.</summary>
    private void EmitFault(DiagnosticCode code, int pc, string message)
    {
        LoadState();
        _il.Emit(OpCodes.Ldc_I4, (int)code);
        _il.Emit(OpCodes.Ldc_I4, pc);
        _il.Emit(OpCodes.Ldstr, message);
        _il.Emit(OpCodes.Call, FaultMethod);
        _il.Emit(OpCodes.Br, _unwind);
    }

    /// <summary>
    /// With an instruction budget, counts the instruction before it runs and faults once the count passes the limit,
    /// where the interpreter does: the same instruction, the same count. Without one nothing is emitted.
    /// </summary>
    private void EmitCount(int index)
    {
        var within = _il.DefineLabel();
        LoadState();
        LoadState();
        _il.Emit(OpCodes.Ldfld, ExecutedField);
        _il.Emit(OpCodes.Ldc_I8, 1L);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stfld, ExecutedField);
        LoadState();
        _il.Emit(OpCodes.Ldfld, ExecutedField);
        LoadState();
        _il.Emit(OpCodes.Ldfld, LimitField);
        _il.Emit(OpCodes.Ble, within);
        LoadState();
        _il.Emit(OpCodes.Ldc_I4, index);
        _il.Emit(OpCodes.Call, BudgetExceeded);
        _il.Emit(OpCodes.Br, _unwind);
        _il.MarkLabel(within);
    }

    /// <summary>After a call that may stop the run: unwind when it did.</summary>
    private void UnwindIfStopped()
    {
        LoadState();
        _il.Emit(OpCodes.Ldfld, StopField);
        _il.Emit(OpCodes.Brtrue, _unwind);
    }

    private LocalBuilder Scratch() => _scratch ??= _il.DeclareLocal(typeof(uint), "index");
}
