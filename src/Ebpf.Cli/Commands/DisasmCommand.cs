using System.CommandLine;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Cli.Commands;

/// <summary><c>ebpf disasm FILE</c>: prints a program in the syntax of llvm-objdump and the Linux verifier log.</summary>
internal static class DisasmCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("file") { Description = "Raw bytecode (.bin) or assembly text." };
        var command = new Command("disasm", "Disassemble a program, as llvm-objdump -d prints it.") { input };
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var program = ProgramInput.Load(parse.GetValue(input)!);
            var width = (program.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            for (var i = 0; i < program.Count; i++)
            {
                if (program.FormAt(i) is not null)
                {
                    output.WriteLine($"{i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)}: {Disassembler.Format(program, i)}");
                }
            }

            return EbpfCommand.Success;
        }));
        return command;
    }
}
