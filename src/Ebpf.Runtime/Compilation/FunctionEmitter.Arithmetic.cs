using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Emit;
using Ebpf.Core.Isa;

namespace Ebpf.Runtime.Compilation;

/// <summary>Arithmetic and jumps, with <see cref="Interpretation.Arithmetic"/>'s exact results.</summary>
internal sealed unsafe partial class FunctionEmitter
{
    private static readonly MethodInfo Swap16 = typeof(BinaryPrimitives).GetMethod(nameof(BinaryPrimitives.ReverseEndianness), [typeof(ushort)])!;
    private static readonly MethodInfo Swap32 = typeof(BinaryPrimitives).GetMethod(nameof(BinaryPrimitives.ReverseEndianness), [typeof(uint)])!;
    private static readonly MethodInfo Swap64 = typeof(BinaryPrimitives).GetMethod(nameof(BinaryPrimitives.ReverseEndianness), [typeof(ulong)])!;

    private void EmitArithmetic(Instruction slot, OpCodeInfo form)
    {
        var dst = (int)slot.Destination;

        // Byte swaps live in the ALU class but act on the 64-bit register.
        var is32 = form.Is32Bit && form.Operation is not (Operation.ToLittleEndian or Operation.ToBigEndian or Operation.ByteSwap);
        switch (form.Operation)
        {
            case Operation.ToLittleEndian or Operation.ToBigEndian or Operation.ByteSwap:
                Load(dst);
                EmitByteOrder(form.Operation, form.Width);
                break;
            case Operation.Neg:
                LoadOperand(dst, is32);
                _il.Emit(OpCodes.Neg);
                break;
            case Operation.Mov:
                EmitSource(slot, form, is32);
                break;
            case Operation.MovSx:
                Load(slot.Source);
                _il.Emit(form.Width switch { 8 => OpCodes.Conv_I1, 16 => OpCodes.Conv_I2, _ => OpCodes.Conv_I4 });
                if (!is32)
                {
                    _il.Emit(OpCodes.Conv_I8);
                }

                break;
            case Operation.Div or Operation.Mod or Operation.SDiv or Operation.SMod:
                EmitDivision(slot, form, is32);
                return;
            case Operation.Lsh or Operation.Rsh or Operation.Arsh:
                LoadOperand(dst, is32);
                if (form.Source == OperandSource.Register)
                {
                    Load(slot.Source);
                    _il.Emit(OpCodes.Conv_I4);
                    _il.Emit(OpCodes.Ldc_I4, is32 ? 31 : 63);
                    _il.Emit(OpCodes.And);
                }
                else
                {
                    _il.Emit(OpCodes.Ldc_I4, slot.Immediate & (is32 ? 31 : 63));
                }

                _il.Emit(form.Operation switch { Operation.Lsh => OpCodes.Shl, Operation.Rsh => OpCodes.Shr_Un, _ => OpCodes.Shr });
                break;
            default:
                LoadOperand(dst, is32);
                EmitSource(slot, form, is32);
                _il.Emit(form.Operation switch
                {
                    Operation.Add => OpCodes.Add,
                    Operation.Sub => OpCodes.Sub,
                    Operation.Mul => OpCodes.Mul,
                    Operation.Or => OpCodes.Or,
                    Operation.And => OpCodes.And,
                    Operation.Xor => OpCodes.Xor,
                    _ => throw new InvalidOperationException($"{form} is not arithmetic"),
                });
                break;
        }

        StoreResult(dst, is32);
    }

    /// <summary>A register as an operand: its low half (an IL int32) for 32-bit operations.</summary>
    private void LoadOperand(int register, bool is32)
    {
        Load(register);
        if (is32)
        {
            _il.Emit(OpCodes.Conv_U4);
        }
    }

    /// <summary>The second operand: a register, or the immediate (sign-extended to 64 bits for 64-bit operations).</summary>
    private void EmitSource(Instruction slot, OpCodeInfo form, bool is32)
    {
        if (form.Source == OperandSource.Register)
        {
            LoadOperand((int)slot.Source, is32);
        }
        else if (is32)
        {
            _il.Emit(OpCodes.Ldc_I4, slot.Immediate);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I8, (long)slot.Immediate);
        }
    }

    /// <summary>Stores the value on the IL stack in <paramref name="dst"/>, zero-extending 32-bit results.</summary>
    private void StoreResult(int dst, bool is32)
    {
        if (is32)
        {
            _il.Emit(OpCodes.Conv_U8);
        }

        Store(dst);
    }

    private void EmitByteOrder(Operation operation, int width)
    {
        var swap = operation != Operation.ToLittleEndian;
        switch (width)
        {
            case 16:
                _il.Emit(OpCodes.Conv_U2);
                if (swap)
                {
                    _il.Emit(OpCodes.Call, Swap16);
                }

                _il.Emit(OpCodes.Conv_U8);
                break;
            case 32:
                _il.Emit(OpCodes.Conv_U4);
                if (swap)
                {
                    _il.Emit(OpCodes.Call, Swap32);
                }

                _il.Emit(OpCodes.Conv_U8);
                break;
            default:
                if (swap)
                {
                    _il.Emit(OpCodes.Call, Swap64);
                }

                break;
        }
    }

    /// <summary>
    /// Division and modulo: by zero, division gives 0 and modulo keeps the dividend; signed forms by -1 negate
    /// or give 0 (where .NET would trap on MIN / -1). Immediate divisors are settled at compile time.
    /// </summary>
    private void EmitDivision(Instruction slot, OpCodeInfo form, bool is32)
    {
        var dst = (int)slot.Destination;
        var signed = form.Operation is Operation.SDiv or Operation.SMod;
        var isDivision = form.Operation is Operation.Div or Operation.SDiv;
        var op = (isDivision, signed) switch
        {
            (true, false) => OpCodes.Div_Un,
            (true, true) => OpCodes.Div,
            (false, false) => OpCodes.Rem_Un,
            _ => OpCodes.Rem,
        };
        if (form.Source == OperandSource.Immediate)
        {
            var divisor = is32 ? (long)(uint)slot.Immediate : slot.Immediate;
            if (divisor == 0 || (signed && slot.Immediate == -1))
            {
                EmitDivisionSpecialCase(dst, is32, isDivision, divisor == 0);
                return;
            }

            LoadOperand(dst, is32);
            EmitSource(slot, form, is32);
            _il.Emit(op);
            StoreResult(dst, is32);
            return;
        }

        var zero = _il.DefineLabel();
        var minusOne = _il.DefineLabel();
        var done = _il.DefineLabel();
        LoadOperand((int)slot.Source, is32);
        _il.Emit(OpCodes.Brfalse, zero);
        if (signed)
        {
            LoadOperand((int)slot.Source, is32);
            _il.Emit(OpCodes.Ldc_I4_M1);
            if (!is32)
            {
                _il.Emit(OpCodes.Conv_I8);
            }

            _il.Emit(OpCodes.Beq, minusOne);
        }

        LoadOperand(dst, is32);
        LoadOperand((int)slot.Source, is32);
        _il.Emit(op);
        StoreResult(dst, is32);
        _il.Emit(OpCodes.Br, done);
        if (signed)
        {
            _il.MarkLabel(minusOne);
            EmitDivisionSpecialCase(dst, is32, isDivision, byZero: false);
            _il.Emit(OpCodes.Br, done);
        }

        _il.MarkLabel(zero);
        EmitDivisionSpecialCase(dst, is32, isDivision, byZero: true);
        _il.MarkLabel(done);
    }

    /// <summary>By zero: quotient 0, remainder the dividend; signed by -1: quotient -dst (wrapping), remainder 0.</summary>
    private void EmitDivisionSpecialCase(int dst, bool is32, bool isDivision, bool byZero)
    {
        switch (isDivision, byZero)
        {
            case (true, true) or (false, false):
                _il.Emit(OpCodes.Ldc_I8, 0L);
                Store(dst);
                break;
            case (true, false):
                LoadOperand(dst, is32);
                _il.Emit(OpCodes.Neg);
                StoreResult(dst, is32);
                break;
            default:
                LoadOperand(dst, is32);
                StoreResult(dst, is32);
                break;
        }
    }

    /// <summary>Emits a jump; returns whether execution may fall through.</summary>
    private bool EmitJump(int index, Instruction slot, OpCodeInfo form)
    {
        var target = LabelOf(_program.TargetOf(index));
        if (form.Operation == Operation.Ja)
        {
            _il.Emit(OpCodes.Br, target);
            return false;
        }

        var is32 = form.Is32Bit;
        LoadOperand((int)slot.Destination, is32);
        EmitSource(slot, form, is32);
        if (form.Operation == Operation.Jset)
        {
            _il.Emit(OpCodes.And);
            _il.Emit(OpCodes.Brtrue, target);
            return true;
        }

        _il.Emit(form.Operation switch
        {
            Operation.Jeq => OpCodes.Beq,
            Operation.Jne => OpCodes.Bne_Un,
            Operation.Jgt => OpCodes.Bgt_Un,
            Operation.Jge => OpCodes.Bge_Un,
            Operation.Jlt => OpCodes.Blt_Un,
            Operation.Jle => OpCodes.Ble_Un,
            Operation.Jsgt => OpCodes.Bgt,
            Operation.Jsge => OpCodes.Bge,
            Operation.Jslt => OpCodes.Blt,
            Operation.Jsle => OpCodes.Ble,
            _ => throw new InvalidOperationException($"{form} is not a conditional jump"),
        }, target);
        return true;
    }
}
