using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Verifier.Checks;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

internal sealed partial class Transformer
{
    private void Load(AbstractState state, int pc, in Instruction slot, OpCodeInfo form, int depth)
    {
        var width = form.Width / 8;
        var dst = (int)slot.Destination;
        var signed = form.Operation == Operation.LoadSignExtend;
        if (CheckAccess(state, pc, (int)slot.Source, slot.Offset, width, isWrite: false, depth) is not { } access)
        {
            return;
        }

        switch (access.Type.Kind)
        {
            case ValueKind.Stack:
                LoadStack(state, pc, dst, access, signed);
                break;
            case ValueKind.Context when Arguments is not null:
                LoadArgument(state, pc, dst, access);
                break;
            case ValueKind.BtfObject:
                LoadThroughBtf(state, pc, dst, access);
                break;
            case ValueKind.Context when !Type.Context.IsMemoryBlock:
                LoadContext(state, dst, Type.Context.FieldAt(access.ExactOffset!.Value)!, width);
                break;
            case ValueKind.MapValue when FrozenValue(access) is { } known:
                // .rodata and .kconfig are frozen before programs load, so the kernel reads them as constants (bpf_map_direct_read).
                SetConstant(state, dst, signed ? (ulong)SignExtend(known, width * 8) : known);
                break;
            default:
                SetNumber(state, dst, IntervalArithmetic.Range(signed, width * 8));
                break;
        }
    }

    /// <summary>The bytes an exact access reads from a read-only global data map (.rodata, .kconfig), little-endian, or null.</summary>
    private ulong? FrozenValue(RegionAccess access)
    {
        if (access.Type.Map < 0 || access.ExactOffset is not { } offset || offset < 0)
        {
            return null;
        }

        var map = Maps[access.Type.Map];
        if (map.Origin != MapOrigin.GlobalData || !map.IsReadOnlyForPrograms || offset + access.Width > map.InitialValue.Length)
        {
            return null;
        }

        ulong value = 0;
        for (var i = access.Width - 1; i >= 0; i--)
        {
            value = (value << 8) | map.InitialValue[offset + i];
        }

        return value;
    }

    private static long SignExtend(ulong value, int bits) => bits == 64 ? (long)value : (long)(value << (64 - bits)) >> (64 - bits);

    private void LoadStack(AbstractState state, int pc, int dst, RegionAccess access, bool signed)
    {
        var width = access.Width;
        var lower = (int)access.Offsets.Lower;
        var upper = (int)access.Offsets.Upper + width;
        if (!state.IsInitialized(lower, upper - lower))
        {
            Fail(state, pc, DiagnosticCode.UninitializedStackRead,
                $"reading {width} bytes at stack offset r10{lower - FrameTop(FrameOf(lower))}: some of them are not written on some path");
            return;
        }

        foreach (var (at, spilled) in state.Cells)
        {
            if (spilled.Type.Kind != ValueKind.Number && at < upper && lower < at + spilled.Width && !(at == lower && upper - lower == spilled.Width && access.ExactOffset is not null))
            {
                Fail(state, pc, DiagnosticCode.PointerLeak,
                    $"reading {width} bytes at stack offset r10{lower - FrameTop(FrameOf(lower))} takes part of a spilled pointer; read it back whole");
                return;
            }
        }

        if (access.ExactOffset is { } offset && state.Cells.TryGetValue(offset, out var cell) && cell.Width == width
            && (cell.Type.Kind == ValueKind.Number || width == 8))
        {
            state.Registers[dst] = cell.Type;
            var (value, pointerOffset) = Vars.Cell(offset);
            var target = Vars.Registers[dst];
            NumberOps.Copy(state, target.Value, value);
            NumberOps.Copy(state, target.Offset, pointerOffset);
            if (signed && cell.Type.Kind == ValueKind.Number)
            {
                NumberOps.SignExtend(state, target.Value, width * 8);
            }

            return;
        }

        SetNumber(state, dst, IntervalArithmetic.Range(signed, width * 8));
    }

    private void LoadContext(AbstractState state, int dst, ContextField field, int width)
    {
        switch (field.Kind)
        {
            case ContextFieldKind.PacketStart:
                SetPointer(state, dst, new AbstractType(ValueKind.Packet), 0);
                break;
            case ContextFieldKind.PacketEnd:
                SetPointer(state, dst, new AbstractType(ValueKind.PacketEnd), 0);
                break;
            case ContextFieldKind.PacketMetaStart:
                SetPointer(state, dst, new AbstractType(ValueKind.PacketMeta), Vars.MetaOffset);
                break;
            case ContextFieldKind.Socket or ContextFieldKind.FlowKeys:
                SetPointer(state, dst, new AbstractType(ValueKind.Socket), 0);
                break;
            case ContextFieldKind.SocketCommonOrNull:
                SetPointer(state, dst, new AbstractType(ValueKind.Socket, MaybeNull: true), 0);
                break;
            default:
                SetNumber(state, dst, IntervalArithmetic.Range(false, width * 8));
                break;
        }
    }

    private void Store(AbstractState state, int pc, in Instruction slot, OpCodeInfo form, int depth)
    {
        var width = form.Width / 8;
        var source = form.Operation == Operation.Store ? (int)slot.Source : -1;
        var valueType = source >= 0 ? state.Registers[source] : AbstractType.Number;
        if (CheckAccess(state, pc, (int)slot.Destination, slot.Offset, width, isWrite: true, depth) is not { } access)
        {
            return;
        }

        if (access.Type.Kind != ValueKind.Stack)
        {
            if (valueType.Kind != ValueKind.Number)
            {
                Fail(state, pc, DiagnosticCode.PointerLeak,
                    $"storing {Name(source)}, which holds {Describe(state, source)}, into {RegionName(access.Type)}: only numbers may be stored outside the stack");
            }

            return;
        }

        if (valueType.Kind != ValueKind.Number && !(width == 8 && access.ExactOffset is { } at && at % 8 == 0))
        {
            Fail(state, pc, DiagnosticCode.PointerLeak,
                $"storing {Name(source)}, which holds {Describe(state, source)}, as {width} bytes at {access.Offsets} of the stack: pointers are spilled whole, 8 bytes at an 8-aligned offset");
            return;
        }

        StoreStack(state, access, source, slot.Immediate, valueType);
    }

    private void StoreStack(AbstractState state, RegionAccess access, int source, int immediate, AbstractType valueType)
    {
        var width = access.Width;
        var lower = (int)access.Offsets.Lower;
        var upper = (int)access.Offsets.Upper + width;
        ForgetCells(state, lower, upper - lower);
        if (access.ExactOffset is not { } offset)
        {
            // A store at a variable offset writes one of several places: none is sure to be written.
            return;
        }

        state.SetInitialized(offset, width, true);
        state.WritableCells[offset] = new StackCell(width, valueType);
        var (value, pointerOffset) = Vars.Cell(offset);
        if (source < 0)
        {
            NumberOps.SetConstant(state, value, width == 8 ? (ulong)(long)immediate : (ulong)immediate & Mask(width));
            NumberOps.Havoc(state, pointerOffset);
            return;
        }

        var from = Vars.Registers[source];
        NumberOps.Copy(state, value, from.Value);
        NumberOps.Copy(state, pointerOffset, from.Offset);
        if (width < 8)
        {
            NumberOps.Truncate(state, value, width * 8);
        }
    }

    private void Atomic(AbstractState state, int pc, in Instruction slot, OpCodeInfo form, int depth)
    {
        var width = form.Width / 8;
        var source = (int)slot.Source;
        var baseType = state.Registers[(int)slot.Destination];
        if (state.Registers[source].Kind != ValueKind.Number)
        {
            Fail(state, pc, DiagnosticCode.PointerLeak,
                $"{form.Mnemonic} with {Name(source)}, which holds {Describe(state, source)}: atomic operands must be numbers");
            return;
        }

        if (!baseType.MaybeNull && baseType.Kind is not (ValueKind.Stack or ValueKind.MapValue or ValueKind.BtfObject))
        {
            Fail(state, pc, DiagnosticCode.InvalidDereference,
                $"{form.Mnemonic} through {Name((int)slot.Destination)}, which holds {Describe(state, (int)slot.Destination)}: atomic operations apply to the stack and map values only");
            return;
        }

        if (CheckAccess(state, pc, (int)slot.Destination, slot.Offset, width, isWrite: true, depth) is not { } access)
        {
            return;
        }

        if (access.Type.Kind == ValueKind.Stack)
        {
            var lower = (int)access.Offsets.Lower;
            var length = (int)access.Offsets.Upper + width - lower;
            if (!state.IsInitialized(lower, length))
            {
                Fail(state, pc, DiagnosticCode.UninitializedStackRead, $"{form.Mnemonic} reads stack bytes that are not written on some path");
                return;
            }

            ForgetCells(state, lower, length);
        }

        var range = IntervalArithmetic.Range(false, width * 8);
        if (form.Operation == Operation.AtomicCompareExchange)
        {
            SetNumber(state, 0, range);
        }
        else if (form.Operation >= Operation.AtomicFetchAdd)
        {
            SetNumber(state, source, range);
        }
    }

    private void LoadImm64(AbstractState state, int pc, in Instruction slot)
    {
        var dst = (int)slot.Destination;
        var index = slot.Immediate;
        switch ((LoadImm64Source)slot.Source)
        {
            case LoadImm64Source.Immediate:
                SetConstant(state, dst, _program.Immediate64At(pc));
                return;
            case LoadImm64Source.CodeAddress:
                SetPointer(state, dst, new AbstractType(ValueKind.Function, Size: pc + 1 + index), 0);
                return;
            case LoadImm64Source.MapByIndex or LoadImm64Source.MapValueByIndex when index < 0 || index >= _mapCount:
                Fail(state, pc, DiagnosticCode.UnverifiableInstruction, $"lddw refers to map {index}, but the object has {_mapCount} maps");
                return;
            case LoadImm64Source.MapByIndex:
                SetPointer(state, dst, new AbstractType(ValueKind.MapPointer, Map: index), 0);
                return;
            case LoadImm64Source.MapValueByIndex:
                var offset = (uint)_program.Slots[pc + 1].Immediate;
                if (offset >= Maps[index].ValueSize)
                {
                    Fail(state, pc, DiagnosticCode.MapValueOutOfBounds, $"lddw points {offset} bytes into {Maps[index].Name}, whose values have {Maps[index].ValueSize} bytes");
                    return;
                }

                SetPointer(state, dst, MapValue(index), offset);
                return;
            default:
                Fail(state, pc, DiagnosticCode.UnverifiableInstruction,
                    $"lddw with pseudo source {(LoadImm64Source)slot.Source} must be relocated to a map index before verification");
                return;
        }
    }

    private void LegacyPacketLoad(AbstractState state, int pc, in Instruction slot, OpCodeInfo form)
    {
        if (Type.Context.TypeName != "struct __sk_buff")
        {
            Fail(state, pc, DiagnosticCode.UnverifiableInstruction, $"{form.Mnemonic} (a legacy packet load) needs a socket buffer context");
            return;
        }

        if (state.Registers[6].Kind != ValueKind.Context || !Offset(state, 6).Equals(Interval.Constant(0)))
        {
            Fail(state, pc, DiagnosticCode.InvalidHelperArgument, $"{form.Mnemonic} needs the context in r6, which holds {Describe(state, 6)}");
            return;
        }

        if (form.Operation == Operation.LoadPacketIndirect && state.Registers[(int)slot.Source].Kind != ValueKind.Number)
        {
            Fail(state, pc, DiagnosticCode.PointerLeak, $"{form.Mnemonic} indexes the packet by {Name((int)slot.Source)}, which is not a number");
            return;
        }

        for (var r = 1; r <= 5; r++)
        {
            SetUninitialized(state, r);
        }

        SetNumber(state, 0, IntervalArithmetic.Range(false, form.Width));
    }

    private void ForgetCells(AbstractState state, int offset, int length)
    {
        foreach (var (cellOffset, cell) in state.Cells.ToArray())
        {
            if (cellOffset < offset + length && offset < cellOffset + cell.Width)
            {
                state.WritableCells.Remove(cellOffset);
                var (value, pointerOffset) = Vars.Cell(cellOffset);
                NumberOps.Havoc(state, value);
                NumberOps.Havoc(state, pointerOffset);
            }
        }
    }

    private static int FrameOf(int offset) => Math.Clamp((AbstractState.StackSize - offset - 1) / AbstractState.FrameSize, 0, 7);

    private static ulong Mask(int width) => width == 8 ? ulong.MaxValue : (1UL << (width * 8)) - 1;
}
