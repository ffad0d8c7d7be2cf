using System.Globalization;
using System.Text;

namespace Ebpf.Core.Isa.Text;

/// <summary>
/// Writes one instruction in the conformance-suite syntax that <see cref="Assembler"/> reads, so that
/// formatting a valid instruction and assembling the text gives the same slots back.
/// </summary>
/// <remarks>
/// Immediates are signed decimal and the <c>lddw</c> value is hex; memory operands are <c>[%r1+4]</c>,
/// <c>[%r10-8]</c>, or <c>[%r1]</c> for offset 0; jump and local-call targets are relative, <c>+N</c> or
/// <c>-N</c> (<c>ja -3</c>, <c>call local +2</c>); a pseudo source of <c>lddw</c> is a keyword before the
/// value (<c>lddw %r1, map_fd 0x3</c>). Only the fields the form uses are shown: a field the form does
/// not use, or a register above r10, is the decoder's concern and does not survive the round trip.
/// </remarks>
public static class ConformanceFormatter
{
    /// <summary>Formats <paramref name="slot"/>, an instruction of the given form.</summary>
    /// <param name="slot">The instruction slot; for <c>lddw</c>, the first of its two.</param>
    /// <param name="form">Its row of <see cref="OpCodeTable"/>, as <see cref="OpCodeTable.Find"/> gives it.</param>
    /// <param name="immediate64">For <c>lddw</c>, the full 64-bit value (see <see cref="DecodedProgram.Immediate64At"/>);
    /// when null, the 32-bit immediate of <paramref name="slot"/>, zero-extended.</param>
    /// <returns>One line, without a line break: <c>add32 %r1, 5</c>.</returns>
    public static string Format(in Instruction slot, OpCodeInfo form, ulong? immediate64 = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var text = new StringBuilder(ConformanceSyntax.MnemonicOf(form));
        var shape = ConformanceSyntax.OperandsOf(form);
        for (var i = 0; i < shape.Length; i++)
        {
            text.Append(i == 0 ? " " : ", ");
            switch (shape[i])
            {
                case OperandKind.Destination:
                    text.Append(Register(slot.Destination));
                    break;
                case OperandKind.Source:
                    text.Append(Register(slot.Source));
                    break;
                case OperandKind.Immediate:
                    text.Append(slot.Immediate.ToString(CultureInfo.InvariantCulture));
                    break;
                case OperandKind.Immediate64:
                    AppendImmediate64(text, slot, immediate64 ?? (uint)slot.Immediate);
                    break;
                case OperandKind.SourceMemory:
                    AppendMemory(text, slot.Source, slot.Offset);
                    break;
                case OperandKind.DestinationMemory:
                    AppendMemory(text, slot.Destination, slot.Offset);
                    break;
                default:
                    var relative = ConformanceSyntax.TargetInImmediate(form) ? slot.Immediate : slot.Offset;
                    text.Append(relative.ToString("+0;-0", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return text.ToString();
    }

    private static string Register(Register register) => $"%r{(int)register}";

    private static void AppendMemory(StringBuilder text, Register register, short offset)
    {
        text.Append('[').Append(Register(register));
        if (offset != 0)
        {
            text.Append(offset.ToString("+0;-0", CultureInfo.InvariantCulture));
        }

        text.Append(']');
    }

    private static void AppendImmediate64(StringBuilder text, in Instruction slot, ulong value)
    {
        var pseudo = (int)slot.Source;
        if (pseudo != 0)
        {
            // Sources above the known ones cannot be assembled; they are shown for what they are.
            text.Append(pseudo < ConformanceSyntax.PseudoSources.Length ? ConformanceSyntax.PseudoSources[pseudo] : $"pseudo{pseudo}").Append(' ');
        }

        text.Append("0x").Append(value.ToString("x", CultureInfo.InvariantCulture));
    }
}
