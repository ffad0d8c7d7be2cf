using Ebpf.Core.Isa;

namespace Ebpf.Runtime.Native.Generation;

/// <summary>Calls, loads, stores, atomics and exits as C# statements.</summary>
internal sealed partial class FunctionWriter
{
    /// <summary>Writes one instruction; returns whether execution may continue with the next one.</summary>
    private bool WriteInstruction(int index)
    {
        var slot = _program.Slots[index];
        var form = _program.FormAt(index)!;
        var goesOn = WriteStatement(index, slot, form);
        // Calls and legacy packet loads clobber r0 to r5; other instructions write at most one register.
        if (form.Kind == OperationKind.Call || form.Operation is Operation.LoadPacketAbsolute or Operation.LoadPacketIndirect)
        {
            Array.Clear(_knownMaps, 0, 6);
        }
        else if (RegisterUsage.Writes(slot, form) is { } written)
        {
            _knownMaps[(int)written] = form.Operation == Operation.LoadImm64 && (LoadImm64Source)slot.Source == LoadImm64Source.MapByIndex
                ? (slot.Immediate, index)
                : null;
        }

        return goesOn;
    }

    private bool WriteStatement(int index, Instruction slot, OpCodeInfo form)
    {
        switch (form.Kind)
        {
            case OperationKind.Arithmetic:
                Line(3, Arithmetic(slot, form));
                return true;
            case OperationKind.Jump:
                Line(3, Jump(index, slot, form));
                return form.Operation != Operation.Ja;
            case OperationKind.Call:
                return WriteCall(index, slot, form);
            case OperationKind.Exit:
                Line(3, "return r0;");
                return false;
            case OperationKind.Load:
                return WriteLoad(index, slot, form);
            case OperationKind.Store:
                Line(3, Store(slot, form));
                return true;
            default:
                Line(3, Atomic(slot, form));
                return true;
        }
    }

    private bool WriteCall(int index, Instruction slot, OpCodeInfo form)
    {
        switch (form.Operation)
        {
            case Operation.Call:
                if (_knownMaps[1] is { } map && _maps.Call(slot.Immediate, map.Map, map.Slot) is { } inlined)
                {
                    Line(3, inlined);
                    return true;
                }

                var name = Core.Abi.AbiTable.Linux.FindHelper(slot.Immediate) is { } prototype ? $" // {prototype.Name}" : "";
                Line(3, $"r0 = NativeRuntime.CallHelper(ref state, {slot.Immediate}, r1, r2, r3, r4, r5, r10, {index});{name}");
                UnwindIfStopped();
                return true;
            case Operation.CallLocal:
                // The callee's frame lies right below the caller's; a callee that tail-called unwinds here and the
                // target runs in the callee's frame, in its place (NativeRuntime.ContinueAfterCall).
                Line(3, $"if (!NativeRuntime.EnterCall(ref state, r10, {index})) goto unwind;");
                Line(3, $"r0 = {_methodOf(_program.TargetOf(index))}(r1, r10 - {FrameSize}, ref state, r2, r3, r4, r5);");
                Line(3, $"if (NativeRuntime.Stopped(ref state) && !NativeRuntime.ContinueAfterCall(ref state, ref r0, r10 - {FrameSize})) goto unwind;");
                return true;
            case Operation.CallX:
                Line(3, $"r0 = NativeRuntime.CallIndirect(ref state, r{(int)slot.Destination}, r1, r2, r3, r4, r5, r10, {index});");
                UnwindIfStopped();
                return true;
            default:
                Fault("UnsupportedAtRuntime", index, $"kernel function {slot.Immediate} cannot be called in user mode");
                return false;
        }
    }

    private bool WriteLoad(int index, Instruction slot, OpCodeInfo form)
    {
        var dst = $"r{(int)slot.Destination}";
        switch (form.Operation)
        {
            case Operation.LoadImm64:
                return WriteLoadImm64(index, slot);
            case Operation.LoadPacketAbsolute or Operation.LoadPacketIndirect:
                // The offset as LegacyPacketLoad takes it: for ldind, source + immediate truncated to 32 bits, signed.
                var offset = form.Operation == Operation.LoadPacketIndirect
                    ? $"(int)(r{(int)slot.Source} + {Literals.U64((ulong)(long)slot.Immediate)})"
                    : Literals.I32(slot.Immediate);
                Line(3, $"r0 = NativeRuntime.LoadPacket(ref state, {offset}, {form.Width / 8}, {index});");
                UnwindIfStopped();
                return true;
            case Operation.Load:
                Line(3, $"{dst} = *({Unsigned(form.Width)}*)({Address(slot.Source, slot.Offset)});");
                return true;
            default:
                Line(3, $"{dst} = (ulong)(long)*({Signed(form.Width)}*)({Address(slot.Source, slot.Offset)});");
                return true;
        }
    }

    private bool WriteLoadImm64(int index, Instruction slot)
    {
        var dst = $"r{(int)slot.Destination}";
        switch ((LoadImm64Source)slot.Source)
        {
            case LoadImm64Source.Immediate:
                Line(3, $"{dst} = {Literals.U64(_program.Immediate64At(index))};");
                return true;
            case LoadImm64Source.CodeAddress:
                var target = index + 1 + slot.Immediate;
                Line(3, $"{dst} = {Literals.U64(Interpretation.Interpreter.FunctionAddressBase + (ulong)target)}; // the address token of the function at slot {target}");
                return true;
            case LoadImm64Source.MapByIndex or LoadImm64Source.MapValueByIndex:
                var what = (LoadImm64Source)slot.Source == LoadImm64Source.MapByIndex ? "the handle of map" : "an address in the value of map";
                Line(3, $"{dst} = NativeRuntime.Relocated(ref relocated, {index}); // {what} '{_maps.MapName(slot.Immediate)}', known once loaded");
                return true;
            default:
                Fault("UnsupportedAtRuntime", index, $"lddw with pseudo source {(LoadImm64Source)slot.Source} must be resolved by a loader before the program runs");
                return false;
        }
    }

    private static string Store(Instruction slot, OpCodeInfo form)
    {
        var type = Unsigned(form.Width);
        var address = Address(slot.Destination, slot.Offset);
        if (form.Operation == Operation.Store)
        {
            return $"*({type}*)({address}) = ({type})r{(int)slot.Source};";
        }

        var value = form.Width switch
        {
            8 => $"(byte){Literals.U32((byte)slot.Immediate)}",
            16 => $"(ushort){Literals.U32((ushort)slot.Immediate)}",
            32 => Literals.U32((uint)slot.Immediate),
            _ => Literals.U64((ulong)(long)slot.Immediate),
        };
        return $"*({type}*)({address}) = {value};";
    }

    /// <summary>Atomics through <see cref="NativeAtomics"/>: fetching forms put the old value in src, <c>cmpxchg</c> compares with r0 and puts it in r0.</summary>
    private static string Atomic(Instruction slot, OpCodeInfo form)
    {
        var name = form.Operation switch
        {
            Operation.AtomicAdd or Operation.AtomicFetchAdd => "Add",
            Operation.AtomicOr or Operation.AtomicFetchOr => "Or",
            Operation.AtomicAnd or Operation.AtomicFetchAnd => "And",
            Operation.AtomicXor or Operation.AtomicFetchXor => "Xor",
            Operation.AtomicExchange => "Exchange",
            _ => "CompareExchange",
        } + (form.Width == 32 ? "32" : "64");
        var src = $"r{(int)slot.Source}";
        var address = Address(slot.Destination, slot.Offset);
        return form.Operation switch
        {
            Operation.AtomicCompareExchange => $"r0 = NativeAtomics.{name}({address}, {src}, r0);",
            >= Operation.AtomicFetchAdd => $"{src} = NativeAtomics.{name}({address}, {src});",
            _ => $"NativeAtomics.{name}({address}, {src});",
        };
    }

    /// <summary><c>register + offset</c> as an unsigned 64-bit expression.</summary>
    private static string Address(Register register, short offset) => offset switch
    {
        0 => $"r{(int)register}",
        > 0 => $"r{(int)register} + {offset}",
        _ => $"r{(int)register} - {-offset}",
    };

    private static string Unsigned(int width) => width switch { 8 => "byte", 16 => "ushort", 32 => "uint", _ => "ulong" };

    private static string Signed(int width) => width switch { 8 => "sbyte", 16 => "short", 32 => "int", _ => "long" };
}
