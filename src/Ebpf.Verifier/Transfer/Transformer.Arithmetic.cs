using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

internal sealed partial class Transformer
{
    private void Arithmetic(AbstractState state, int pc, in Instruction slot, OpCodeInfo form)
    {
        var dst = (int)slot.Destination;
        var hasSourceRegister = form.Source == OperandSource.Register;
        var src = hasSourceRegister ? (int)slot.Source : -1;
        var dstType = state.Registers[dst];
        var srcType = hasSourceRegister ? state.Registers[src] : AbstractType.Number;

        if (form.Operation == Operation.Mov)
        {
            Move(state, dst, src, slot.Immediate, form.Is32Bit);
            return;
        }

        if (form.Operation == Operation.MovSx)
        {
            if (srcType.Kind != ValueKind.Number)
            {
                Fail(state, pc, DiagnosticCode.InvalidPointerArithmetic, $"movsx sign-extends {Name(src)}, which holds {Describe(state, src)}, not a number");
                return;
            }

            CopyRegister(state, dst, src);
            NumberOps.Apply(state, form, Vars.Registers[dst].Value, Vars.Registers[dst].Value, 0);
            return;
        }

        if (dstType.Kind == ValueKind.Number && srcType.Kind == ValueKind.Number)
        {
            NumberOps.Apply(state, form, Vars.Registers[dst].Value, hasSourceRegister ? Vars.Registers[src].Value : null, slot.Immediate);
            NumberOps.Havoc(state, Vars.Registers[dst].Offset);
            return;
        }

        if (form.Operation is Operation.Add or Operation.Sub && !form.Is32Bit)
        {
            PointerArithmetic(state, pc, form.Operation, dst, src, slot.Immediate);
            return;
        }

        var culprit = dstType.Kind != ValueKind.Number ? dst : src;
        Fail(state, pc, DiagnosticCode.InvalidPointerArithmetic,
            $"{form.Mnemonic} on {Name(culprit)}, which holds {Describe(state, culprit)}: only 64-bit addition and subtraction of numbers apply to pointers");
    }

    private void Move(AbstractState state, int dst, int src, int immediate, bool is32)
    {
        if (src < 0)
        {
            SetConstant(state, dst, is32 ? (uint)immediate : (ulong)(long)immediate);
        }
        else if (!is32)
        {
            CopyRegister(state, dst, src);
        }
        else if (state.Registers[src].Kind == ValueKind.Number)
        {
            CopyRegister(state, dst, src);
            var views = Vars.Registers[dst].Value;
            NumberOps.Truncate32(state, views);
        }
        else
        {
            // The kernel lets privileged programs take the low half of a pointer as an unknown number.
            SetNumber(state, dst, IntervalArithmetic.Range(false, 32));
        }
    }

    /// <summary>Linux's <c>BPF_MAX_VAR_OFF</c>: how far below its region a pointer may move.</summary>
    private const long MaxVariableOffset = 1L << 29;

    /// <summary>How far above its region a pointer may move: far past any region, far below wrapping.</summary>
    private const long MaxPositiveOffset = 1L << 40;

    private void PointerArithmetic(AbstractState state, int pc, Operation operation, int dst, int src, int immediate)
    {
        var dstType = state.Registers[dst];
        var srcType = src >= 0 ? state.Registers[src] : AbstractType.Number;
        var verb = operation == Operation.Add ? "adds" : "subtracts";

        if (dstType.IsPointer && srcType.IsPointer)
        {
            if (operation == Operation.Sub && SameRegion(dstType, srcType))
            {
                var difference = NumberOps.Difference(state, OffsetVariable(dst, dstType), OffsetVariable(src, srcType));
                SetNumber(state, dst, difference);
                return;
            }

            Fail(state, pc, DiagnosticCode.InvalidPointerArithmetic,
                $"{Name(dst)} ({Describe(state, dst)}) {verb} {Name(src)} ({Describe(state, src)}): only pointers into the same region subtract");
            return;
        }

        var (pointer, number, pointerType) = dstType.IsPointer ? (dst, src, dstType) : (src, dst, srcType);
        if (!pointerType.IsPointer || (operation == Operation.Sub && pointer == src))
        {
            var culprit = dstType.Kind is ValueKind.Mixed ? dst : src;
            Fail(state, pc, DiagnosticCode.InvalidPointerArithmetic,
                $"{Name(dst)} {verb} {(src >= 0 ? Name(src) : immediate.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {Name(culprit)} holds {Describe(state, culprit)}");
            return;
        }

        if (!CanMove(state, pc, pointer, pointerType, number, immediate))
        {
            return;
        }

        var result = Vars.Registers[dst].Offset;
        var pointerOffset = Vars.Registers[pointer].Offset;
        if (number < 0)
        {
            NumberOps.AddConstant(state, result, pointerOffset, operation == Operation.Add ? immediate : -(long)immediate);
        }
        else
        {
            NumberOps.AddVariable(state, result, pointerOffset, Vars.Registers[number].Value.Signed, negate: operation == Operation.Sub);
        }

        // Offsets are exact integers here, but the machine compares addresses, which wrap: as the kernel's
        // check_reg_sane_offset, a pointer may not move further than BPF_MAX_VAR_OFF (2^29) below its region, nor
        // (our bound, for the same reason) past 2^40 above it, so that no comparison of offsets disagrees with one of addresses.
        var offsets = state.Numbers.IntervalOf(result);
        if (offsets.Lower <= -MaxVariableOffset || offsets.Upper >= MaxPositiveOffset)
        {
            Fail(state, pc, DiagnosticCode.InvalidPointerArithmetic,
                $"{Name(dst)} would point at offset {offsets} from its region: a pointer may move at most {MaxVariableOffset} bytes below its region and {MaxPositiveOffset} above");
            return;
        }

        state.Registers[dst] = pointerType;
        NumberOps.Havoc(state, Vars.Registers[dst].Value);
    }

    /// <summary>True when the kernel lets <paramref name="pointer"/> move by a number; reports why not otherwise.</summary>
    private bool CanMove(AbstractState state, int pc, int pointer, AbstractType type, int number, int immediate)
    {
        string? why = null;
        if (type.MaybeNull)
        {
            why = "it may be null: compare it with 0 first";
        }
        else if (!type.HasOffset || type.Kind == ValueKind.PacketEnd)
        {
            why = "no arithmetic applies to it";
        }
        else if (type.Kind == ValueKind.Context && number >= 0 && !Signed(state, number).IsSingleton)
        {
            why = "the context moves only by constants";
        }

        _ = immediate;
        return why is null || Fail(state, pc, DiagnosticCode.InvalidPointerArithmetic,
            $"arithmetic on {Name(pointer)}, which holds {Describe(state, pointer)}: {why}");
    }

    /// <summary>True when two pointers point into the same region, so their offsets compare and subtract.</summary>
    private static bool SameRegion(AbstractType a, AbstractType b)
    {
        static bool IsPacket(ValueKind kind) => kind is ValueKind.Packet or ValueKind.PacketEnd or ValueKind.PacketMeta;
        if (IsPacket(a.Kind) && IsPacket(b.Kind))
        {
            return true;
        }

        return a.Kind == b.Kind && a.Kind is ValueKind.Stack or ValueKind.MapValue or ValueKind.Context or ValueKind.Record && a.Map == b.Map
            && !(a.Kind == ValueKind.MapValue && a.Map < 0);
    }

    /// <summary>The variable that holds a pointer's offset from its region's base: for <c>data_end</c>, the packet size.</summary>
    private Variable OffsetVariable(int register, AbstractType type) =>
        type.Kind == ValueKind.PacketEnd ? Vars.PacketSize : Vars.Registers[register].Offset;
}
