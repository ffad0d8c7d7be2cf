using System.Diagnostics;
using static System.FormattableString;

namespace Ebpf.Core.Isa.Text;

/// <summary>The pieces of <see cref="Disassembler"/>'s syntax, one method per <see cref="OperationKind"/>.</summary>
/// <remarks>Numbers are signed decimals as LLVM prints them: immediates as 32-bit, <c>lddw</c> values as 64-bit.</remarks>
internal static class DisassemblerSyntax
{
    /// <summary><c>r1 += r2</c>, <c>w1 = -w1</c>, <c>r1 = (s8)r2</c>, <c>r1 = be16 r1</c>.</summary>
    internal static string Arithmetic(in Instruction slot, OpCodeInfo form)
    {
        var dst = Reg(slot.Destination, form.Is32Bit);
        return form.Operation switch
        {
            Operation.Neg => Invariant($"{dst} = -{dst}"),
            Operation.Mov => Invariant($"{dst} = {Operand(slot, form)}"),
            Operation.MovSx => Invariant($"{dst} = (s{form.Width}){Reg(slot.Source, form.Is32Bit)}"),
            // Byte swaps act on the whole 64-bit register whatever their class, and LLVM names it so.
            Operation.ToLittleEndian => Swap("le", slot, form),
            Operation.ToBigEndian => Swap("be", slot, form),
            Operation.ByteSwap => Swap("bswap", slot, form),
            _ => Invariant($"{dst} {CompoundAssignment(form.Operation)} {Operand(slot, form)}"),
        };
    }

    /// <summary><c>goto -2</c>, <c>gotol +70000</c>, <c>if w1 s&lt; 5 goto +1</c>.</summary>
    internal static string Jump(in Instruction slot, OpCodeInfo form)
    {
        if (form.Operation == Operation.Ja)
        {
            return form.JumpTargetInImmediate ? $"gotol {Relative(slot.Immediate)}" : $"goto {Relative(slot.Offset)}";
        }

        var dst = Reg(slot.Destination, form.Is32Bit);
        return $"if {dst} {Comparison(form.Operation)} {Operand(slot, form)} goto {Relative(slot.Offset)}";
    }

    /// <summary>
    /// <c>call 1</c> for helpers, local functions (the immediate is relative, as objdump shows it) and
    /// kfuncs (a BTF id) alike, as LLVM prints them; <c>callx r1</c> for a helper id in a register.
    /// </summary>
    internal static string Call(in Instruction slot, OpCodeInfo form) =>
        form.Operation == Operation.CallX ? $"callx {Reg(slot.Destination, subregister: false)}" : Invariant($"call {slot.Immediate}");

    /// <summary><c>w1 = *(u32 *)(r2 + 4)</c>, <c>r1 = *(s8 *)(r2 - 1)</c>, <c>r0 = *(u16 *)skb[4]</c>, <c>r1 = 5 ll</c>.</summary>
    internal static string Load(in Instruction slot, OpCodeInfo form, ulong immediate64, Func<int, string?>? mapName)
    {
        var bits = form.Width;
        return form.Operation switch
        {
            Operation.LoadImm64 => LoadImm64(slot, immediate64, mapName),
            Operation.LoadPacketAbsolute => Invariant($"r0 = *(u{bits} *)skb[{slot.Immediate}]"),
            // LLVM's form has no immediate (clang always emits 0 there); show it only when it is set.
            Operation.LoadPacketIndirect => slot.Immediate == 0
                ? Invariant($"r0 = *(u{bits} *)skb[{Reg(slot.Source, false)}]")
                : Invariant($"r0 = *(u{bits} *)skb[{Address(slot.Source, slot.Immediate)}]"),
            Operation.LoadSignExtend => Invariant($"{Reg(slot.Destination, false)} = *(s{bits} *)({Address(slot.Source, slot.Offset)})"),
            _ => Invariant($"{Reg(slot.Destination, false)} = *(u{bits} *)({Address(slot.Source, slot.Offset)})"),
        };
    }

    /// <summary><c>*(u64 *)(r10 - 8) = r1</c>, <c>*(u8 *)(r1 + 0) = r2</c>, <c>*(u32 *)(r10 - 4) = 7</c>.</summary>
    internal static string Store(in Instruction slot, OpCodeInfo form)
    {
        var value = form.Operation == Operation.StoreImmediate
            ? Invariant($"{slot.Immediate}")
            : Reg(slot.Source, false);
        return Invariant($"*(u{form.Width} *)({Address(slot.Destination, slot.Offset)}) = {value}");
    }

    /// <summary>
    /// <c>lock *(u32 *)(r1 + 0) += r2</c>, <c>w2 = atomic_fetch_or((u32 *)(r1 + 0), w2)</c>,
    /// <c>r2 = xchg_64(r1 + 0, r2)</c>, <c>w0 = cmpxchg32_32(r1 + 0, w0, w2)</c>: the forms that return
    /// a 32-bit value name the subregister, as LLVM's ALU32 decoding prints them.
    /// </summary>
    internal static string Atomic(in Instruction slot, OpCodeInfo form)
    {
        var narrow = form.Width < 64;
        var size = Invariant($"u{form.Width}");
        var address = Address(slot.Destination, slot.Offset);
        var src = Reg(slot.Source, narrow && form.Operation >= Operation.AtomicFetchAdd);
        // The 32-bit exchanges carry a second "32" in LLVM's names: xchg32_32, cmpxchg32_32.
        var suffix = Invariant($"{(narrow ? "32" : "")}_{form.Width}");
        return form.Operation switch
        {
            Operation.AtomicAdd => $"lock *({size} *)({address}) += {src}",
            Operation.AtomicOr => $"lock *({size} *)({address}) |= {src}",
            Operation.AtomicAnd => $"lock *({size} *)({address}) &= {src}",
            Operation.AtomicXor => $"lock *({size} *)({address}) ^= {src}",
            Operation.AtomicFetchAdd => $"{src} = atomic_fetch_add(({size} *)({address}), {src})",
            Operation.AtomicFetchOr => $"{src} = atomic_fetch_or(({size} *)({address}), {src})",
            Operation.AtomicFetchAnd => $"{src} = atomic_fetch_and(({size} *)({address}), {src})",
            Operation.AtomicFetchXor => $"{src} = atomic_fetch_xor(({size} *)({address}), {src})",
            Operation.AtomicExchange => $"{src} = xchg{suffix}({address}, {src})",
            _ => $"{Reg(Register.R0, narrow)} = cmpxchg{suffix}({address}, {Reg(Register.R0, narrow)}, {src})",
        };
    }

    /// <summary>
    /// <c>r1 = -1 ll</c> for a plain value; for the pseudo sources (RFC 9669 section 5.4), which LLVM
    /// prints as <c>ld_pseudo</c>, the kind of reference and its immediates:
    /// <c>map[fd:3]</c>, <c>map_value[fd:3]+8</c>, <c>var_addr[btf_id:5]</c>, <c>code_addr[+4]</c>,
    /// <c>map[idx:0]</c>, <c>map_value[idx:0]+8</c>. A second immediate that the source gives no
    /// meaning is still shown when it is not zero, so no bits are lost.
    /// </summary>
    private static string LoadImm64(in Instruction slot, ulong value, Func<int, string?>? mapName)
    {
        var dst = Reg(slot.Destination, false);
        var imm = (int)(uint)value;
        var next = (int)(uint)(value >> 32);
        var extra = next == 0 ? "" : Invariant($",next_imm:{next}");
        var reference = (LoadImm64Source)slot.Source switch
        {
            LoadImm64Source.Immediate => Invariant($"{(long)value}"),
            LoadImm64Source.MapByFd => Invariant($"map[fd:{imm}{extra}]"),
            LoadImm64Source.MapValueByFd => Invariant($"map_value[fd:{imm}]+{(uint)next}"),
            // The second immediate of a BTF variable is the fd of the module BTF that holds it (0 for vmlinux).
            LoadImm64Source.VariableAddress => Invariant($"var_addr[btf_id:{imm}{(next == 0 ? "" : Invariant($",btf_fd:{next}"))}]"),
            LoadImm64Source.CodeAddress => Invariant($"code_addr[{Relative(imm)}{extra}]"),
            LoadImm64Source.MapByIndex => Invariant($"map[{MapIndex(imm, mapName)}{extra}]"),
            LoadImm64Source.MapValueByIndex => Invariant($"map_value[{MapIndex(imm, mapName)}]+{(uint)next}"),
            _ => Invariant($"ld_pseudo[src:{(int)slot.Source},imm:{imm}{extra}]"),
        };
        return $"{dst} = {reference} ll";
    }

    private static string MapIndex(int index, Func<int, string?>? mapName) =>
        mapName?.Invoke(index) ?? Invariant($"idx:{index}");

    private static string Swap(string name, in Instruction slot, OpCodeInfo form)
    {
        var dst = Reg(slot.Destination, false);
        return Invariant($"{dst} = {name}{form.Width} {dst}");
    }

    /// <summary>The second operand: the immediate as a signed decimal, or the source register.</summary>
    private static string Operand(in Instruction slot, OpCodeInfo form) =>
        form.Source == OperandSource.Immediate ? Invariant($"{slot.Immediate}") : Reg(slot.Source, form.Is32Bit);

    private static string Reg(Register register, bool subregister) => Invariant($"{(subregister ? 'w' : 'r')}{(int)register}");

    /// <summary><c>r1 + 4</c>, <c>r10 - 8</c>, <c>r1 + 0</c>.</summary>
    private static string Address(Register baseRegister, long offset) =>
        Invariant($"r{(int)baseRegister} {(offset < 0 ? '-' : '+')} {Math.Abs(offset)}");

    /// <summary>A relative target, always signed: <c>+3</c>, <c>+0</c>, <c>-2</c>.</summary>
    private static string Relative(long delta) => Invariant($"{(delta < 0 ? "" : "+")}{delta}");

    private static string CompoundAssignment(Operation operation) => operation switch
    {
        Operation.Add => "+=",
        Operation.Sub => "-=",
        Operation.Mul => "*=",
        Operation.Div => "/=",
        Operation.SDiv => "s/=",
        Operation.Or => "|=",
        Operation.And => "&=",
        Operation.Lsh => "<<=",
        Operation.Rsh => ">>=",
        Operation.Mod => "%=",
        Operation.SMod => "s%=",
        Operation.Xor => "^=",
        Operation.Arsh => "s>>=",
        _ => throw new UnreachableException($"{operation} is not a binary arithmetic operation."),
    };

    private static string Comparison(Operation operation) => operation switch
    {
        Operation.Jeq => "==",
        Operation.Jgt => ">",
        Operation.Jge => ">=",
        Operation.Jset => "&",
        Operation.Jne => "!=",
        Operation.Jsgt => "s>",
        Operation.Jsge => "s>=",
        Operation.Jlt => "<",
        Operation.Jle => "<=",
        Operation.Jslt => "s<",
        Operation.Jsle => "s<=",
        _ => throw new UnreachableException($"{operation} is not a conditional jump."),
    };
}
