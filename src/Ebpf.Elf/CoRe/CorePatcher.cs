using Ebpf.Core.Isa;
using Ebpf.Core.Specs;

namespace Ebpf.Elf.CoRe;

/// <summary>
/// Writes a relocation's result into its instruction, as libbpf's <c>bpf_core_patch_insn</c>: the immediate of an
/// ALU instruction with a constant operand, the offset of a load or store (and its width when the field's changed),
/// the 64-bit constant of a plain <c>lddw</c>; or the poisoned call when the result says so.
/// </summary>
internal static class CorePatcher
{
    private const byte ClassMask = 0x07;
    private const byte SizeMask = 0x18;
    private const byte SourceRegister = 0x08;

    /// <summary>Patches <paramref name="code"/> at <paramref name="slot"/>; an error when the instruction does not fit the relocation.</summary>
    public static string? Patch(Instruction[] code, int slot, CoreResult result)
    {
        var insn = code[slot];
        if (result.Poison)
        {
            Poison(code, slot);
            return null;
        }

        switch ((InstructionClass)(insn.Opcode & ClassMask))
        {
            case InstructionClass.Alu or InstructionClass.Alu64:
                if ((insn.Opcode & SourceRegister) != 0)
                {
                    return $"instruction {slot} (opcode 0x{insn.Opcode:x2}) takes a register operand, not a constant";
                }

                if (result.Validate && unchecked((uint)insn.Immediate) != result.Original)
                {
                    return Unexpected(slot, "ALU immediate", unchecked((uint)insn.Immediate), result);
                }

                code[slot] = insn with { Immediate = unchecked((int)result.New) };
                return null;
            case InstructionClass.Ldx or InstructionClass.St or InstructionClass.Stx:
                return PatchMemory(code, slot, insn, result);
            case InstructionClass.Ld:
                return PatchLoadImm64(code, slot, insn, result);
            default:
                return $"instruction {slot} (opcode 0x{insn.Opcode:x2}) is no ALU, memory or lddw instruction CO-RE can patch";
        }
    }

    private static string? PatchMemory(Instruction[] code, int slot, Instruction insn, CoreResult result)
    {
        if (result.Validate && insn.Offset != (long)result.Original)
        {
            return Unexpected(slot, "memory offset", (ulong)(long)insn.Offset, result);
        }

        if (result.New > (ulong)short.MaxValue)
        {
            return $"instruction {slot}: offset {result.New} does not fit a load or store's 16 bits";
        }

        if (result.FailMemorySizeAdjust)
        {
            // The field changed width in a way a load cannot follow: libbpf poisons the access.
            Poison(code, slot);
            return null;
        }

        var patched = insn with { Offset = (short)result.New };
        if (result.NewSize != result.OriginalSize)
        {
            if (Width(insn.Opcode) != result.OriginalSize)
            {
                return $"instruction {slot} accesses {Width(insn.Opcode)} bytes of a field of {result.OriginalSize}";
            }

            if (SizeBits(result.NewSize) is not { } bits)
            {
                return $"instruction {slot}: the target's field has {result.NewSize} bytes, which no load or store accesses";
            }

            patched = patched with { Opcode = (byte)((insn.Opcode & ~SizeMask) | bits) };
        }

        code[slot] = patched;
        return null;
    }

    private static string? PatchLoadImm64(Instruction[] code, int slot, Instruction insn, CoreResult result)
    {
        if (insn.Opcode != 0x18 || slot + 1 >= code.Length || insn.Source != Register.R0 || insn.Offset != 0
            || code[slot + 1] is not { Opcode: 0, Destination: Register.R0, Source: Register.R0, Offset: 0 })
        {
            return $"instruction {slot} is not a plain 64-bit constant load (lddw)";
        }

        var value = unchecked((uint)insn.Immediate | ((ulong)(uint)code[slot + 1].Immediate << 32));
        if (result.Validate && value != result.Original)
        {
            return Unexpected(slot, "lddw constant", value, result);
        }

        code[slot] = insn with { Immediate = unchecked((int)result.New) };
        code[slot + 1] = code[slot + 1] with { Immediate = unchecked((int)(result.New >> 32)) };
        return null;
    }

    private static void Poison(Instruction[] code, int slot)
    {
        // The second half of a lddw too, so the decoder sees two calls rather than half an instruction.
        if (code[slot].Opcode == 0x18 && slot + 1 < code.Length)
        {
            code[slot + 1] = CoreRelocationPoison.Instruction;
        }

        code[slot] = CoreRelocationPoison.Instruction;
    }

    private static int Width(byte opcode) => (opcode & SizeMask) switch
    {
        0x00 => 4,
        0x08 => 2,
        0x10 => 1,
        _ => 8,
    };

    private static int? SizeBits(int bytes) => bytes switch
    {
        4 => 0x00,
        2 => 0x08,
        1 => 0x10,
        8 => 0x18,
        _ => null,
    };

    private static string Unexpected(int slot, string what, ulong found, CoreResult result) =>
        $"instruction {slot}: the {what} is {found}, where the object's own types say {result.Original}";
}
