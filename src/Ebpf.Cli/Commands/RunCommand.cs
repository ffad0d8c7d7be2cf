using System.CommandLine;
using System.Globalization;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Conformance;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Cli.Commands;

/// <summary><c>ebpf run FILE [--mem HEX]</c>: runs a program once, r1 pointing at the memory and r2 holding its length.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("file") { Description = "Raw bytecode (.bin) or assembly text." };
        var memory = new Option<string?>("--mem") { Description = "Input memory as hex bytes (\"aa bb 01\"); r1 points to it, r2 holds its length." };
        var engine = EngineOption.Create(EngineKind.Interpreter);
        var budget = BudgetOption.Create("Instructions the run may execute before it is stopped.");
        var command = new Command("run", "Run a program once, in checked mode, and print r0. With an unchecked engine (jit), a program the checked interpreter stops with a memory or register fault is not run.") { input, memory, engine, budget };
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var path = parse.GetValue(input)!;
            var bytes = ParseMemory(parse.GetValue(memory));
            var program = ProgramInput.Load(path);
            var limit = BudgetOption.Read(parse, budget, path);

            var chosen = parse.GetValue(engine);
            var options = new ExecutionOptions(InstructionBudget: limit);
            ExecutionResult Run(EngineKind kind)
            {
                using var buffer = new NativeBuffer(bytes);
                return Engines.Prepare(kind, program, ConformanceRunner.Helpers, options)
                    .Run(bytes.Length == 0 ? ExecutionRequest.WithArguments(0, 0) : ExecutionRequest.ForMemory(buffer.AsRegion("mem")));
            }

            // Nothing verified the program: an unchecked engine runs it only if the checked interpreter finds it safe.
            var result = Run(EngineKind.Interpreter);
            if (!Engines.Checks(chosen) && !(result.Fault is { } unsafeRun && Engines.IsCheckedOnly(unsafeRun.Code)))
            {
                result = Run(chosen);
            }

            if (result.Fault is { } fault)
            {
                parse.InvocationConfiguration.Error.WriteLine(fault.ToDiagnostic() with { Location = new DiagnosticLocation(File: path, InstructionIndex: fault.InstructionIndex) });
                return EbpfCommand.NegativeVerdict;
            }

            // Every run here has a budget, and with one compiled code counts instructions as the interpreter does.
            output.WriteLine($"r0 = 0x{result.ReturnValue:x} ({result.ReturnValue.ToString(CultureInfo.InvariantCulture)}) after {result.InstructionCount} instructions");
            return EbpfCommand.Success;
        }));
        return command;
    }

    private static byte[] ParseMemory(string? hex)
    {
        if (string.IsNullOrWhiteSpace(hex))
        {
            return [];
        }

        var digits = string.Concat(hex.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        try
        {
            return Convert.FromHexString(digits);
        }
        catch (FormatException)
        {
            throw CommandAction.Refuse(DiagnosticCode.InputFormat, "--mem", "expected hexadecimal bytes such as \"aa bb 01\"");
        }
    }
}
