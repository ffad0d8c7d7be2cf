using System.CommandLine;
using System.Text;
using Ebpf.Core.Isa;

namespace Ebpf.Cli.Commands;

/// <summary><c>ebpf asm FILE [-o OUT]</c>: assembles conformance-syntax text into raw bytecode.</summary>
internal static class AsmCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("file") { Description = "Assembly text in the bpf_conformance syntax." };
        var outputPath = new Option<string?>("--output", "-o") { Description = "Write raw bytecode here instead of printing it as hex." };
        var command = new Command("asm", "Assemble eBPF assembly text into bytecode.") { input, outputPath };
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var path = parse.GetValue(input)!;
            var code = ProgramInput.Assemble(path, Encoding.UTF8.GetString(CommandAction.ReadFile(path)));
            ProgramInput.Decode(path, code);
            if (parse.GetValue(outputPath) is { } target)
            {
                File.WriteAllBytes(target, code);
                output.WriteLine($"{code.Length / Instruction.Size} instructions written to {target}");
                return EbpfCommand.Success;
            }

            for (var i = 0; i < code.Length; i += Instruction.Size)
            {
                output.WriteLine(Convert.ToHexString(code, i, Instruction.Size).ToLowerInvariant());
            }

            return EbpfCommand.Success;
        }));
        return command;
    }
}
