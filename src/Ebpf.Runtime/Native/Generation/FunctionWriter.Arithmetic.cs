using Ebpf.Core.Isa;

namespace Ebpf.Runtime.Native.Generation;

/// <summary>
/// Arithmetic and jumps as C# expressions with <see cref="Interpretation.Arithmetic"/>'s exact results: 32-bit forms
/// work on <c>uint</c>/<c>int</c> and zero-extend, shifts are masked (as C# masks them), division by zero gives 0 and
/// modulo by zero keeps the dividend, signed division by -1 negates (where .NET would trap on MIN / -1).
/// </summary>
internal sealed partial class FunctionWriter
{
    private static string Arithmetic(Instruction slot, OpCodeInfo form)
    {
        var d = $"r{(int)slot.Destination}";
        var isRegister = form.Source == OperandSource.Register;
        var s = $"r{(int)slot.Source}";
        var imm = slot.Immediate;
        if (form.Operation is Operation.ToLittleEndian or Operation.ToBigEndian or Operation.ByteSwap)
        {
            var type = Unsigned(form.Width);
            return form.Operation == Operation.ToLittleEndian
                ? form.Width == 64 ? $"// {d} is already little-endian" : $"{d} = ({type}){d};"
                : $"{d} = BinaryPrimitives.ReverseEndianness(({type}){d});";
        }

        return form.Is32Bit ? Arithmetic32(form.Operation, d, isRegister ? $"(uint){s}" : Literals.U32((uint)imm), isRegister, s, imm, form.Width)
            : Arithmetic64(form.Operation, d, isRegister ? s : Literals.U64((ulong)(long)imm), isRegister, s, imm, form.Width);
    }

    private static string Arithmetic64(Operation operation, string d, string src, bool isRegister, string s, int imm, int width) => operation switch
    {
        Operation.Add => !isRegister && imm < 0 ? $"{d} -= {Literals.U64((ulong)-(long)imm)};" : $"{d} += {src};",
        Operation.Sub => !isRegister && imm < 0 ? $"{d} += {Literals.U64((ulong)-(long)imm)};" : $"{d} -= {src};",
        Operation.Mul => $"{d} *= {src};",
        Operation.Or => $"{d} |= {src};",
        Operation.And => $"{d} &= {src};",
        Operation.Xor => $"{d} ^= {src};",
        Operation.Mov => $"{d} = {src};",
        Operation.MovSx => $"{d} = (ulong)(long)({Signed(width)}){s};",
        Operation.Neg => $"{d} = (ulong)-(long){d};",
        Operation.Lsh => $"{d} <<= {Shift(isRegister, s, imm, 63)};",
        Operation.Rsh => $"{d} >>= {Shift(isRegister, s, imm, 63)};",
        Operation.Arsh => $"{d} = (ulong)((long){d} >> {Shift(isRegister, s, imm, 63)});",
        Operation.Div => isRegister ? $"{d} = {s} == 0 ? 0 : {d} / {s};" : imm == 0 ? $"{d} = 0; // division by zero gives 0" : $"{d} /= {src};",
        Operation.Mod => isRegister ? $"{d} = {s} == 0 ? {d} : {d} % {s};" : imm == 0 ? "// modulo by zero keeps the dividend" : $"{d} %= {src};",
        Operation.SDiv => isRegister ? $"{d} = {s} == 0 ? 0 : (long){s} == -1 ? (ulong)-(long){d} : (ulong)((long){d} / (long){s});"
            : imm switch { 0 => $"{d} = 0; // division by zero gives 0", -1 => $"{d} = (ulong)-(long){d};", _ => $"{d} = (ulong)((long){d} / {Literals.I64(imm)});" },
        Operation.SMod => isRegister ? $"{d} = {s} == 0 ? {d} : (long){s} == -1 ? 0 : (ulong)((long){d} % (long){s});"
            : imm switch { 0 => "// modulo by zero keeps the dividend", -1 => $"{d} = 0;", _ => $"{d} = (ulong)((long){d} % {Literals.I64(imm)});" },
        _ => throw new InvalidOperationException($"{operation} is not arithmetic"),
    };

    private static string Arithmetic32(Operation operation, string d, string src, bool isRegister, string s, int imm, int width)
    {
        var d32 = $"(uint){d}";
        return operation switch
        {
            Operation.Add => $"{d} = (uint)({d32} + {src});",
            Operation.Sub => $"{d} = (uint)({d32} - {src});",
            Operation.Mul => $"{d} = (uint)({d32} * {src});",
            Operation.Or => $"{d} = {d32} | {src};",
            Operation.And => $"{d} = {d32} & {src};",
            Operation.Xor => $"{d} = {d32} ^ {src};",
            Operation.Mov => $"{d} = {src};",
            Operation.MovSx => $"{d} = (uint)(int)({Signed(width)}){s};",
            Operation.Neg => $"{d} = (uint)-(int){d};",
            Operation.Lsh => $"{d} = {d32} << {Shift(isRegister, s, imm, 31)};",
            Operation.Rsh => $"{d} = {d32} >> {Shift(isRegister, s, imm, 31)};",
            Operation.Arsh => $"{d} = (uint)((int){d} >> {Shift(isRegister, s, imm, 31)});",
            Operation.Div => isRegister ? $"{d} = (uint){s} == 0 ? 0 : {d32} / (uint){s};" : imm == 0 ? $"{d} = 0; // division by zero gives 0" : $"{d} = {d32} / {src};",
            Operation.Mod => isRegister ? $"{d} = (uint){s} == 0 ? {d32} : {d32} % (uint){s};" : imm == 0 ? $"{d} = {d32}; // modulo by zero keeps the dividend" : $"{d} = {d32} % {src};",
            Operation.SDiv => isRegister ? $"{d} = (uint){s} == 0 ? 0 : (int){s} == -1 ? (uint)-(int){d} : (uint)((int){d} / (int){s});"
                : imm switch { 0 => $"{d} = 0; // division by zero gives 0", -1 => $"{d} = (uint)-(int){d};", _ => $"{d} = (uint)((int){d} / {Literals.I32(imm)});" },
            Operation.SMod => isRegister ? $"{d} = (uint){s} == 0 ? {d32} : (int){s} == -1 ? 0 : (uint)((int){d} % (int){s});"
                : imm switch { 0 => $"{d} = {d32}; // modulo by zero keeps the dividend", -1 => $"{d} = 0;", _ => $"{d} = (uint)((int){d} % {Literals.I32(imm)});" },
            _ => throw new InvalidOperationException($"{operation} is not arithmetic"),
        };
    }

    /// <summary>A shift count: the register masked (C# masks too, but the mask says so), or the immediate masked now.</summary>
    private static string Shift(bool isRegister, string s, int imm, int mask) => isRegister ? $"(int)({s} & {mask})" : Literals.I32(imm & mask);

    private string Jump(int index, Instruction slot, OpCodeInfo form)
    {
        var target = $"goto L{_program.TargetOf(index)};";
        if (form.Operation == Operation.Ja)
        {
            return target;
        }

        var isRegister = form.Source == OperandSource.Register;
        var signed = form.Operation is Operation.Jsgt or Operation.Jsge or Operation.Jslt or Operation.Jsle;
        var d = $"r{(int)slot.Destination}";
        var s = $"r{(int)slot.Source}";
        string a, b;
        if (form.Is32Bit)
        {
            (a, b) = signed ? ($"(int){d}", isRegister ? $"(int){s}" : Literals.I32(slot.Immediate))
                : ($"(uint){d}", isRegister ? $"(uint){s}" : Literals.U32((uint)slot.Immediate));
        }
        else
        {
            (a, b) = signed ? ($"(long){d}", isRegister ? $"(long){s}" : Literals.I64(slot.Immediate))
                : (d, isRegister ? s : Literals.U64((ulong)(long)slot.Immediate));
        }

        var condition = form.Operation switch
        {
            Operation.Jeq => $"{a} == {b}",
            Operation.Jne => $"{a} != {b}",
            Operation.Jgt or Operation.Jsgt => $"{a} > {b}",
            Operation.Jge or Operation.Jsge => $"{a} >= {b}",
            Operation.Jlt or Operation.Jslt => $"{a} < {b}",
            Operation.Jle or Operation.Jsle => $"{a} <= {b}",
            Operation.Jset => $"({a} & {b}) != 0",
            _ => throw new InvalidOperationException($"{form} is not a conditional jump"),
        };
        return $"if ({condition}) {target}";
    }
}
