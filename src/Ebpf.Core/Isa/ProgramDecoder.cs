using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Isa;

/// <summary>
/// Turns bytecode into a <see cref="DecodedProgram"/>, refusing malformed instructions with
/// diagnostics that name the instruction. It checks the encoding only, not safety: that is the verifier's job.
/// </summary>
public static class ProgramDecoder
{
    /// <summary>Decodes bytecode; on failure <paramref name="diagnostics"/> says why, one entry per problem found.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytecode, out DecodedProgram? program, out ImmutableArray<Diagnostic> diagnostics)
    {
        program = null;
        if (bytecode.Length % Instruction.Size != 0)
        {
            diagnostics = [Error(DiagnosticCode.TruncatedInstruction, bytecode.Length / Instruction.Size,
                $"the program is {bytecode.Length} bytes long, not a multiple of {Instruction.Size}: its last instruction is truncated")];
            return false;
        }

        var slots = new Instruction[bytecode.Length / Instruction.Size];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = Instruction.Read(bytecode[(i * Instruction.Size)..]);
        }

        return TryDecode(slots, out program, out diagnostics);
    }

    /// <summary>Validates instruction slots, as <see cref="TryDecode(ReadOnlySpan{byte}, out DecodedProgram?, out ImmutableArray{Diagnostic})"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<Instruction> slots, out DecodedProgram? program, out ImmutableArray<Diagnostic> diagnostics)
    {
        program = null;
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        if (slots.Length == 0)
        {
            diagnostics = [new Diagnostic(DiagnosticCode.EmptyProgram, "the program has no instructions", new DiagnosticLocation())];
            return false;
        }

        var forms = new OpCodeInfo?[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            forms[i] = DecodeOne(slots, i, problems);

            // The slot after an lddw is its second half, even when the lddw itself is malformed.
            if (OpCodeTable.FormsOf(slots[i].Opcode) is [{ SlotCount: 2 }, ..])
            {
                i++;
            }
        }

        for (var i = 0; i < slots.Length; i++)
        {
            if (forms[i] is { Kind: OperationKind.Jump } or { Operation: Operation.CallLocal })
            {
                CheckTarget(slots[i], forms[i]!, i, forms, problems);
            }
        }

        diagnostics = problems.ToImmutable();
        if (diagnostics.Length > 0)
        {
            return false;
        }

        program = new DecodedProgram([.. slots], [.. forms]);
        return true;
    }

    /// <summary>The slot a jump or local call goes to: <c>pc + 1 + offset</c>, the offset in imm for <c>ja32</c> and calls.</summary>
    internal static int TargetOf(in Instruction slot, OpCodeInfo form, int index)
    {
        var relative = form.JumpTargetInImmediate || form.Operation == Operation.CallLocal ? (long)slot.Immediate : slot.Offset;
        return (int)Math.Clamp(index + 1 + relative, int.MinValue, int.MaxValue);
    }

    private static OpCodeInfo? DecodeOne(ReadOnlySpan<Instruction> slots, int index, ImmutableArray<Diagnostic>.Builder problems)
    {
        var slot = slots[index];
        var candidates = OpCodeTable.FormsOf(slot.Opcode);
        if (candidates.IsEmpty)
        {
            problems.Add(Error(DiagnosticCode.UnknownOpcode, index, $"unknown opcode 0x{slot.Opcode:x2}"));
            return null;
        }

        var form = OpCodeTable.Find(slot);
        if (form is null)
        {
            var field = candidates[0].Discriminator;
            var allowed = string.Join(", ", candidates.ToArray().Select(c => c.DiscriminatorValue).Distinct());
            problems.Add(Error(DiagnosticCode.UnknownVariant, index,
                $"opcode 0x{slot.Opcode:x2} ({candidates[0].Mnemonic}) has {FieldName(field)} {slot.Field(field)}; valid values are {allowed}"));
            return null;
        }

        var valid = CheckFields(slot, form, index, problems);
        if (form.Operation == Operation.LoadImm64)
        {
            valid &= CheckSecondSlot(slots, index, problems);
        }

        return valid ? form : null;
    }

    private static bool CheckFields(in Instruction slot, OpCodeInfo form, int index, ImmutableArray<Diagnostic>.Builder problems)
    {
        var valid = true;
        foreach (var field in (ReadOnlySpan<InstructionFields>)[InstructionFields.Destination, InstructionFields.Source, InstructionFields.Offset, InstructionFields.Immediate])
        {
            if (!form.Uses.HasFlag(field) && form.Discriminator != field && slot.Field(field) != 0)
            {
                problems.Add(Error(DiagnosticCode.ReservedFieldNotZero, index,
                    $"{form.Mnemonic} does not use its {FieldName(field)} field, which must be zero but is {slot.Field(field)}"));
                valid = false;
            }
        }

        if (form.Uses.HasFlag(InstructionFields.Destination) && slot.Destination > Register.R10)
        {
            problems.Add(Error(DiagnosticCode.InvalidRegister, index, $"destination register r{(int)slot.Destination} does not exist"));
            valid = false;
        }

        if (form.Uses.HasFlag(InstructionFields.Source) && slot.Source > Register.R10
            && form.Operation != Operation.LoadImm64)
        {
            problems.Add(Error(DiagnosticCode.InvalidRegister, index, $"source register r{(int)slot.Source} does not exist"));
            valid = false;
        }

        if (form.Operation == Operation.LoadImm64 && slot.Source > (Register)LoadImm64Source.MapValueByIndex)
        {
            problems.Add(Error(DiagnosticCode.UnknownVariant, index, $"lddw has source {(int)slot.Source}; valid pseudo sources are 0 to 6"));
            valid = false;
        }

        if (form.Kind != OperationKind.Call && RegisterUsage.Writes(slot, form) == Register.R10)
        {
            problems.Add(Error(DiagnosticCode.FramePointerWrite, index, $"{form.Mnemonic} writes r10, the read-only frame pointer"));
            valid = false;
        }

        return valid;
    }

    private static bool CheckSecondSlot(ReadOnlySpan<Instruction> slots, int index, ImmutableArray<Diagnostic>.Builder problems)
    {
        if (index + 1 >= slots.Length)
        {
            problems.Add(Error(DiagnosticCode.IncompleteLoadImm64, index, "lddw is the last slot: its second half is missing"));
            return false;
        }

        var next = slots[index + 1];
        if (next.Opcode != 0 || next.Destination != 0 || next.Source != 0 || next.Offset != 0)
        {
            problems.Add(Error(DiagnosticCode.InvalidLoadImm64SecondSlot, index + 1,
                "the second slot of lddw must have opcode, registers and offset zero"));
            return false;
        }

        return true;
    }

    private static void CheckTarget(in Instruction slot, OpCodeInfo form, int index, OpCodeInfo?[] forms, ImmutableArray<Diagnostic>.Builder problems)
    {
        var target = TargetOf(slot, form, index);
        if (target < 0 || target >= forms.Length)
        {
            problems.Add(Error(DiagnosticCode.JumpOutOfRange, index,
                $"{form.Mnemonic} goes to instruction {target}, outside the program (0 to {forms.Length - 1})"));
        }
        else if (target > 0 && forms[target - 1]?.Operation == Operation.LoadImm64)
        {
            problems.Add(Error(DiagnosticCode.JumpIntoLoadImm64, index,
                $"{form.Mnemonic} goes to instruction {target}, the second half of an lddw"));
        }
    }

    private static string FieldName(InstructionFields field) => field switch
    {
        InstructionFields.Destination => "destination register",
        InstructionFields.Source => "source register",
        InstructionFields.Offset => "offset",
        _ => "immediate",
    };

    private static Diagnostic Error(DiagnosticCode code, int index, string message) =>
        new(code, message, DiagnosticLocation.AtInstruction(index));
}
