using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Isa.Text;

/// <summary>
/// Assembles the text syntax of the bpf_conformance suite's <c>-- asm</c> sections into instruction slots.
/// </summary>
/// <remarks>
/// <para>One instruction per line; <c>#</c> starts a comment; <c>name:</c> defines a label for the next
/// instruction, and the first <c>exit</c> also defines the label <c>exit</c>. Mnemonics are those of
/// <see cref="OpCodeTable"/> (<c>add32</c>, <c>ldxdw</c>, <c>lock fetch add</c>), plus <c>bswap16</c> to
/// <c>bswap64</c> for <c>swap16</c> to <c>swap64</c> and <c>call %rN</c> for <c>callx</c>.</para>
/// <para>Operands, separated by commas: registers <c>%r0</c> to <c>%r10</c>; immediates in decimal
/// (-2147483648 to 2147483647) or hex (<c>0x</c>, up to <c>0xffffffff</c> as a bit pattern), 64-bit for
/// <c>lddw</c>, which may name a pseudo source (<c>lddw %r1, map_fd 3</c>); memory <c>[%r1+4]</c>,
/// <c>[%r10-8]</c>, <c>[%r1]</c>; jump and local-call targets <c>+N</c>, <c>-N</c> or a label, relative to
/// the next slot. Where a mnemonic has a register and an immediate form, an operand starting with
/// <c>%</c> selects the register form.</para>
/// <para>The assembler checks the syntax and the ranges of fields; whether the result is a valid program
/// (jumps inside it, no write to r10) is <see cref="ProgramDecoder"/>'s business.</para>
/// </remarks>
public static class Assembler
{
    /// <summary>Assembles <paramref name="source"/>; on failure, <paramref name="slots"/> is empty and every problem found is in <paramref name="diagnostics"/>.</summary>
    /// <param name="source">The program text.</param>
    /// <param name="slots">The instruction slots, two for each <c>lddw</c>.</param>
    /// <param name="diagnostics">The problems, each located at its 1-based line in <paramref name="source"/>.</param>
    /// <returns>True when the text assembled without diagnostics.</returns>
    public static bool TryAssemble(string source, out ImmutableArray<Instruction> slots, out ImmutableArray<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        var output = new List<Instruction>();
        var labels = new LabelTable();
        var errors = new List<OperandError>();

        var lineNumber = 0;
        foreach (var line in source.AsSpan().EnumerateLines())
        {
            lineNumber++;
            errors.Clear();
            var parsed = LineReader.Read(line.ToString(), errors);
            if (parsed.Label is { } name && !labels.TryDefine(name, output.Count, lineNumber, out var duplicate))
            {
                errors.Add(duplicate);
            }

            if (parsed.HasInstruction)
            {
                AddInstruction(parsed, lineNumber, output, labels, errors);
            }

            problems.AddRange(errors.Select(e => new Diagnostic(e.Code, e.Message, DiagnosticLocation.AtLine(lineNumber))));
        }

        labels.Patch(output, problems);
        diagnostics = problems.ToImmutable();
        slots = diagnostics.IsEmpty ? [.. output] : [];
        return diagnostics.IsEmpty;
    }

    /// <summary>Assembles <paramref name="source"/>, throwing when it has errors.</summary>
    /// <param name="source">The program text.</param>
    /// <returns>The instruction slots, two for each <c>lddw</c>.</returns>
    /// <exception cref="DiagnosticException">The text has errors; the exception lists them all.</exception>
    public static ImmutableArray<Instruction> Assemble(string source)
    {
        if (!TryAssemble(source, out var slots, out var diagnostics))
        {
            throw new DiagnosticException(diagnostics);
        }

        return slots;
    }

    private static void AddInstruction(ParsedLine parsed, int line, List<Instruction> output, LabelTable labels, List<OperandError> errors)
    {
        OpCodeInfo? form = null;
        if (parsed.Mnemonic is { } mnemonic)
        {
            form = FormSelector.Select(mnemonic, parsed.Operands, out var wrong);
            if (form is null)
            {
                errors.Add(wrong);
            }
        }

        if (form is null)
        {
            // Keep a place for the instruction so that later labels still name the right slots.
            output.Add(default);
            return;
        }

        var encoded = InstructionEncoder.Encode(form, parsed.Operands, errors);
        if (form.Operation == Operation.Exit)
        {
            labels.NoteExit(output.Count);
        }

        if (encoded.Label is { } label)
        {
            labels.Reference(output.Count, line, label, form);
        }

        output.Add(encoded.First);
        if (encoded.Second is { } second)
        {
            output.Add(second);
        }
    }
}
