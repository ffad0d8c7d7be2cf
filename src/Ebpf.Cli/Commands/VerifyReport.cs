using System.Globalization;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Core.Specs;
using Ebpf.Elf;

namespace Ebpf.Cli.Commands;

/// <summary>
/// Prints <c>ebpf verify</c>'s verdicts: for people, each rejection with its instruction as <c>prog dump
/// xlated</c> prints it and the C line it came from; with <c>--verbose</c> the whole program with the facts
/// known before each instruction; or JSON whose shape is stable for tools.
/// </summary>
internal sealed class VerifyReport(ObjectSpec spec, IReadOnlyList<ProgramVerdict> verdicts, bool verbose, bool stats)
{
    public void WriteText(TextWriter output)
    {
        foreach (var verdict in verdicts)
        {
            var (program, result) = (verdict.Program, verdict.Result);
            output.WriteLine($"program {program.Name} ({Names.TypeOf(program)}): {(result.IsAccepted ? "accepted" : "rejected")}");
            if (verbose)
            {
                WriteStates(output, verdict);
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                output.WriteLine($"  error {diagnostic.Id}{At(diagnostic)}: {diagnostic.Message}");
                if (diagnostic.Location.Source is { } source)
                {
                    output.WriteLine($"    {Path.GetFileName(source.File)}:{source.Line}: {source.Text.Trim()}");
                }

                if (diagnostic.Location.InstructionIndex is { } index && index >= 0 && index < program.Instructions.Length)
                {
                    output.WriteLine($"    {Instruction(program, index)}");
                }
            }

            if (stats)
            {
                var s = result.Statistics;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  stats: {s.Instructions} instructions, {s.BasicBlocks} blocks, {s.Iterations} iterations, {s.Elapsed.TotalMilliseconds:F3} ms, {verdict.AllocatedBytes / 1024.0:F1} KiB allocated"));
            }
        }
    }

    public void WriteJson(TextWriter output) => Output.WriteJson(output, new
    {
        File = spec.Name,
        Accepted = verdicts.All(v => v.Result.IsAccepted),
        Programs = verdicts.Select(v => new
        {
            v.Program.Name,
            Section = v.Program.SectionName,
            Type = Names.TypeOf(v.Program),
            AttachType = Names.AttachTypeOf(v.Program),
            v.Result.IsAccepted,
            Diagnostics = v.Result.Diagnostics.Select(d => new
            {
                d.Id,
                Code = Names.Of(d.Code),
                d.Message,
                Instruction = d.Location.InstructionIndex,
                Disassembly = d.Location.InstructionIndex is { } i && i >= 0 && i < v.Program.Instructions.Length ? InstructionText(v.Program, i) : null,
                Source = d.Location.Source is { } s ? new { File = Path.GetFileName(s.File), s.Line, s.Column, Text = s.Text.Trim() } : null,
            }),
            States = verbose ? v.Result.States.Select(s => new { s.InstructionIndex, s.Facts }) : null,
            Statistics = stats ? new
            {
                v.Result.Statistics.Instructions,
                v.Result.Statistics.BasicBlocks,
                v.Result.Statistics.Iterations,
                ElapsedMicroseconds = (long)v.Result.Statistics.Elapsed.TotalMicroseconds,
                v.AllocatedBytes,
            } : null,
        }),
    });

    /// <summary>The program as <c>prog dump xlated</c> prints it, with the facts before each instruction as <c>#</c> lines.</summary>
    private void WriteStates(TextWriter output, ProgramVerdict verdict)
    {
        var program = verdict.Program;
        var states = verdict.Result.States.ToDictionary(s => s.InstructionIndex);
        var starts = program.Functions.ToDictionary(f => f.Start, f => f.Name);
        SourceLine? previous = null;
        // Walk instruction by instruction: the second slot of an lddw is not one.
        for (var i = 0; i < program.Instructions.Length; i += OpCodeTable.Find(program.Instructions[i]) is { Operation: Operation.LoadImm64 } ? 2 : 1)
        {
            if (starts.TryGetValue(i, out var function) && i > 0)
            {
                output.WriteLine($"{function}:");
            }

            // clang records a line again for each part of a statement; print it once, and never its line-0 records.
            if (program.Lines.Length > i && program.Lines[i] is { Line: > 0 } line && (line.File, line.Line) != (previous?.File, previous?.Line))
            {
                output.WriteLine($"; {line.Text.Trim()} @ {Path.GetFileName(line.File)}:{line.Line}");
                previous = line;
            }

            if (states.TryGetValue(i, out var state))
            {
                foreach (var fact in state.Facts)
                {
                    output.WriteLine($"      # {fact}");
                }
            }
            else
            {
                output.WriteLine("      # unreachable");
            }

            output.WriteLine(Instruction(program, i));
        }
    }

    private static string At(Diagnostic diagnostic) =>
        diagnostic.Location.InstructionIndex is { } index ? string.Create(CultureInfo.InvariantCulture, $" at instruction {index}") : "";

    private string Instruction(ProgramSpec program, int index)
    {
        var slot = program.Instructions[index];
        return string.Create(CultureInfo.InvariantCulture, $"{index,4}: ({slot.Opcode:x2}) {InstructionText(program, index)}");
    }

    /// <summary>The instruction as the disassembler prints it, map references by name; raw bytes where it does not decode.</summary>
    private string InstructionText(ProgramSpec program, int index)
    {
        var slot = program.Instructions[index];
        if (OpCodeTable.Find(slot) is not { } form)
        {
            return string.Create(CultureInfo.InvariantCulture, $".quad 0x{BitConverter.ToUInt64(Core.Isa.Instruction.ToBytes([slot])):x16}");
        }

        ulong? immediate64 = form.Operation == Operation.LoadImm64 && index + 1 < program.Instructions.Length
            ? (uint)slot.Immediate | ((ulong)(uint)program.Instructions[index + 1].Immediate << 32)
            : null;
        return Disassembler.Format(slot, form, immediate64, MapName);
    }

    private string? MapName(int index) => index >= 0 && index < spec.Maps.Length ? spec.Maps[index].Name : null;
}
