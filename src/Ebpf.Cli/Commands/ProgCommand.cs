using System.CommandLine;
using System.Globalization;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Elf.Btf;

namespace Ebpf.Cli.Commands;

/// <summary><c>ebpf prog ...</c>: programs, as bpftool's <c>prog</c> verbs.</summary>
internal static class ProgCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("object") { Description = "A clang BPF object." };
        var selector = ProgramSelector.Create();
        var linum = new Option<bool>("--linum", "-l") { Description = "Also print the file, line and column of each source line." };
        var xlated = new Command("xlated", "Print a program's instructions as loaded: linked, relocated, map references by name, source lines from BTF.")
        {
            path, selector, linum,
        };
        var target = new TargetOptions();
        target.AddTo(xlated);
        xlated.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var file = parse.GetValue(path)!;
            var spec = ObjectInput.Load(file, target.Read(parse));
            var first = true;
            foreach (var program in ObjectInput.Programs(spec, file, ProgramSelector.Name(parse, selector)))
            {
                if (!first)
                {
                    output.WriteLine();
                }

                first = false;
                DumpXlated(output, spec, program, parse.GetValue(linum));
            }

            return EbpfCommand.Success;
        }));
        var prog = new Command("prog", "Inspect and run programs: from an object file, or (id N | pinned PATH) loaded in the service ebpfd.")
        {
            new Command("dump", "Dump a program's instructions.") { xlated, ProgDumpJitedCommand.Create(), Service.ProgServiceCommands.Xlated() },
            ProgRunCommand.Create(),
        };
        foreach (var command in Service.ProgServiceCommands.Create())
        {
            prog.Subcommands.Add(command);
        }

        return prog;
    }

    /// <summary>The function's C signature where BTF describes it, as bpftool prints it; otherwise its name.</summary>
    private static string Signature(ObjectSpec spec, string function) =>
        spec.Btf?.FindByName(function, BtfKind.Function) is { } type ? spec.Btf.FormatType(type.Id) : function;

    private static void DumpXlated(TextWriter output, ObjectSpec spec, ProgramSpec program, bool linum)
    {
        if (!ProgramDecoder.TryDecode(program.Instructions.AsSpan(), out var decoded, out var diagnostics))
        {
            throw new Core.Diagnostics.DiagnosticException(diagnostics);
        }

        string? MapName(int index) => index >= 0 && index < spec.Maps.Length ? spec.Maps[index].Name : null;
        var starts = program.Functions.ToDictionary(f => f.Start, f => f.Name);
        for (var i = 0; i < decoded!.Count; i++)
        {
            if (decoded.FormAt(i) is not { } form)
            {
                continue;
            }

            if (starts.TryGetValue(i, out var function))
            {
                output.WriteLine($"{Signature(spec, function)}:");
            }

            if (program.Lines[i] is { } line)
            {
                output.WriteLine(linum ? $"; {line.Text.Trim()} @ {Path.GetFileName(line.File)}:{line.Line}:{line.Column}" : $"; {line.Text.Trim()}");
            }

            var text = Disassembler.Format(decoded.Slots[i], form, form.Operation == Operation.LoadImm64 ? decoded.Immediate64At(i) : null, MapName);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i,4}: ({form.Opcode:x2}) {text}"));
        }
    }
}
