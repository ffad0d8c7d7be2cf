using System.Reflection;
using System.Reflection.Emit;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;

namespace Ebpf.Runtime.Compilation;

/// <summary>Loads, stores and atomics: plain native accesses at <c>register + offset</c>, unchecked.</summary>
internal sealed unsafe partial class FunctionEmitter
{
    private static readonly MethodInfo LoadPacketMethod = typeof(JitRuntime).GetMethod(nameof(JitRuntime.LoadPacket))!;
    private static readonly Dictionary<string, MethodInfo> AtomicMethods =
        typeof(JitAtomics).GetMethods(BindingFlags.Public | BindingFlags.Static).ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>Emits a load; returns whether execution may continue.</summary>
    private bool EmitLoad(int index, Instruction slot, OpCodeInfo form)
    {
        var dst = (int)slot.Destination;
        switch (form.Operation)
        {
            case Operation.LoadImm64:
                return EmitLoadImm64(index, slot);
            case Operation.LoadPacketAbsolute or Operation.LoadPacketIndirect:
                EmitLegacyPacketLoad(index, slot, form);
                return true;
            case Operation.Load:
                EmitAddress((int)slot.Source, slot.Offset);
                _il.Emit(form.Width switch { 8 => OpCodes.Ldind_U1, 16 => OpCodes.Ldind_U2, 32 => OpCodes.Ldind_U4, _ => OpCodes.Ldind_I8 });
                _il.Emit(OpCodes.Conv_U8);
                break;
            default:
                EmitAddress((int)slot.Source, slot.Offset);
                _il.Emit(form.Width switch { 8 => OpCodes.Ldind_I1, 16 => OpCodes.Ldind_I2, _ => OpCodes.Ldind_I4 });
                _il.Emit(OpCodes.Conv_I8);
                break;
        }

        Store(dst);
        _known[dst] = null;
        return true;
    }

    private bool EmitLoadImm64(int index, Instruction slot)
    {
        var dst = (int)slot.Destination;
        ulong value;
        switch ((LoadImm64Source)slot.Source)
        {
            case LoadImm64Source.Immediate:
                value = _program.Immediate64At(index);
                break;
            case LoadImm64Source.CodeAddress:
                value = JitCompiler.FunctionAddress(index + 1 + slot.Immediate);
                break;
            default:
                EmitFault(DiagnosticCode.UnsupportedAtRuntime, index,
                    $"lddw with pseudo source {(LoadImm64Source)slot.Source} must be resolved by a loader before the program runs");
                return false;
        }

        _il.Emit(OpCodes.Ldc_I8, (long)value);
        Store(dst);
        _known[dst] = value;
        return true;
    }

    /// <summary><c>ldabs</c>/<c>ldind</c>: r0 = the big-endian value at the packet offset; r1 to r5 are clobbered as by a call.</summary>
    private void EmitLegacyPacketLoad(int index, Instruction slot, OpCodeInfo form)
    {
        // The offset as LegacyPacketLoad.Offset takes it: for ldind, source + immediate truncated to 32 bits, signed.
        LoadState();
        if (form.Operation == Operation.LoadPacketIndirect)
        {
            Load(slot.Source);
            _il.Emit(OpCodes.Ldc_I8, (long)slot.Immediate);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Conv_I4);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I4, slot.Immediate);
        }

        _il.Emit(OpCodes.Ldc_I4, form.Width / 8);
        _il.Emit(OpCodes.Ldc_I4, index);
        _il.Emit(OpCodes.Call, LoadPacketMethod);
        Store(Register.R0);
        UnwindIfStopped();
        Array.Clear(_known, 0, 6);
    }

    private void EmitStore(Instruction slot, OpCodeInfo form)
    {
        EmitAddress((int)slot.Destination, slot.Offset);
        if (form.Operation == Operation.StoreImmediate)
        {
            if (form.Width == 64)
            {
                _il.Emit(OpCodes.Ldc_I8, (long)slot.Immediate);
            }
            else
            {
                _il.Emit(OpCodes.Ldc_I4, slot.Immediate);
            }
        }
        else
        {
            Load(slot.Source);
            if (form.Width < 64)
            {
                _il.Emit(OpCodes.Conv_U4);
            }
        }

        _il.Emit(form.Width switch { 8 => OpCodes.Stind_I1, 16 => OpCodes.Stind_I2, 32 => OpCodes.Stind_I4, _ => OpCodes.Stind_I8 });
    }

    /// <summary>
    /// Atomics through <see cref="JitAtomics"/> (Interlocked on the real memory): fetching forms put the old
    /// value in src, <c>cmpxchg</c> compares with r0 and puts it in r0.
    /// </summary>
    private void EmitAtomic(Instruction slot, OpCodeInfo form)
    {
        var name = form.Operation switch
        {
            Operation.AtomicAdd or Operation.AtomicFetchAdd => nameof(JitAtomics.Add64),
            Operation.AtomicOr or Operation.AtomicFetchOr => nameof(JitAtomics.Or64),
            Operation.AtomicAnd or Operation.AtomicFetchAnd => nameof(JitAtomics.And64),
            Operation.AtomicXor or Operation.AtomicFetchXor => nameof(JitAtomics.Xor64),
            Operation.AtomicExchange => nameof(JitAtomics.Exchange64),
            _ => nameof(JitAtomics.CompareExchange64),
        };
        if (form.Width == 32)
        {
            name = name[..^2] + "32";
        }

        Load(slot.Destination);
        if (slot.Offset != 0)
        {
            _il.Emit(OpCodes.Ldc_I8, (long)slot.Offset);
            _il.Emit(OpCodes.Add);
        }

        Load(slot.Source);
        if (form.Operation == Operation.AtomicCompareExchange)
        {
            Load(Register.R0);
        }

        _il.Emit(OpCodes.Call, AtomicMethods[name]);
        if (form.Operation == Operation.AtomicCompareExchange)
        {
            Store(Register.R0);
        }
        else if (form.Operation >= Operation.AtomicFetchAdd)
        {
            Store(slot.Source);
        }
        else
        {
            _il.Emit(OpCodes.Pop);
        }
    }

    /// <summary>Pushes <c>register + offset</c> as a native pointer.</summary>
    private void EmitAddress(int register, short offset)
    {
        Load(register);
        if (offset != 0)
        {
            _il.Emit(OpCodes.Ldc_I8, (long)offset);
            _il.Emit(OpCodes.Add);
        }

        _il.Emit(OpCodes.Conv_U);
    }
}
