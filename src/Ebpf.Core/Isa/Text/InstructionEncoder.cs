using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Isa.Text;

/// <summary>Fills the fields of one instruction from its form and operand texts.</summary>
internal static class InstructionEncoder
{
    /// <summary>Encodes; every operand is checked, and each bad one adds to <paramref name="errors"/>.</summary>
    /// <remarks>The operand count must already match the form (see <see cref="FormSelector"/>).</remarks>
    public static EncodedLine Encode(OpCodeInfo form, ImmutableArray<string> operands, List<OperandError> errors)
    {
        Register dst = default, src = default;
        short offset = 0;
        int imm = 0, high = 0;
        string? label = null;
        switch (form.Discriminator)
        {
            case InstructionFields.Offset:
                offset = (short)form.DiscriminatorValue;
                break;
            case InstructionFields.Immediate:
                imm = form.DiscriminatorValue;
                break;
            case InstructionFields.Source:
                src = (Register)form.DiscriminatorValue;
                break;
        }

        var shape = ConformanceSyntax.OperandsOf(form);
        for (var i = 0; i < shape.Length; i++)
        {
            var text = operands[i];
            var ok = true;
            OperandError error;
            switch (shape[i])
            {
                case OperandKind.Destination:
                    ok = OperandParser.TryParseRegister(text, out dst, out error);
                    break;
                case OperandKind.Source:
                    ok = OperandParser.TryParseRegister(text, out src, out error);
                    break;
                case OperandKind.Immediate:
                    ok = OperandParser.TryParseImmediate32(text, out imm, out error);
                    break;
                case OperandKind.Immediate64:
                    ok = OperandParser.TryParseImmediate64(text, out var value, out var pseudo, out error);
                    (imm, high, src) = (unchecked((int)value), unchecked((int)(value >> 32)), (Register)pseudo);
                    break;
                case OperandKind.SourceMemory:
                    ok = OperandParser.TryParseMemory(text, out src, out offset, out error);
                    break;
                case OperandKind.DestinationMemory:
                    ok = OperandParser.TryParseMemory(text, out dst, out offset, out error);
                    break;
                default:
                    ok = TryEncodeTarget(form, text, ref offset, ref imm, out label, out error);
                    break;
            }

            if (!ok)
            {
                errors.Add(error);
            }
        }

        var first = new Instruction(form.Opcode, dst, src, offset, imm);
        Instruction? second = form.SlotCount == 2 ? new Instruction(0, 0, 0, 0, high) : null;
        return new EncodedLine(first, second, label);
    }

    /// <summary>Puts a relative target into its field, checking that it fits.</summary>
    public static bool TryPlaceTarget(OpCodeInfo form, long relative, ref short offset, ref int imm, out OperandError error)
    {
        error = default;
        if (ConformanceSyntax.TargetInImmediate(form))
        {
            if (relative is < int.MinValue or > int.MaxValue)
            {
                error = new OperandError(DiagnosticCode.JumpTooFar, $"{form.Mnemonic} target {relative:+0;-0} does not fit in 32 bits");
                return false;
            }

            imm = (int)relative;
            return true;
        }

        if (relative is < short.MinValue or > short.MaxValue)
        {
            error = new OperandError(DiagnosticCode.JumpTooFar,
                $"{form.Mnemonic} target {relative:+0;-0} does not fit in the signed 16-bit offset (-32768 to +32767)");
            return false;
        }

        offset = (short)relative;
        return true;
    }

    private static bool TryEncodeTarget(OpCodeInfo form, string text, ref short offset, ref int imm, out string? label, out OperandError error)
    {
        if (!OperandParser.TryParseTarget(text, out var relative, out label, out error))
        {
            return false;
        }

        return label is not null || TryPlaceTarget(form, relative, ref offset, ref imm, out error);
    }
}
