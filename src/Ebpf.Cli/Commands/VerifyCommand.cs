using System.CommandLine;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Elf.Btf;
using Ebpf.Verifier;

namespace Ebpf.Cli.Commands;

/// <summary>
/// <c>ebpf verify OBJ [program NAME] [--verbose] [--json] [--stats] [--platform linux|windows]</c>: proves each program safe or says why
/// not, as the loader would before running it. Exit 0 when every program is accepted, 1 when one is
/// rejected, 2 for bad input.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("object") { Description = "A clang BPF object." };
        var selector = ProgramSelector.Create();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print the abstract state before each instruction, interleaved with the disassembly." };
        var json = new Option<bool>("--json", "-j") { Description = "Print JSON." };
        var platform = PlatformOption.Create();
        var stats = new Option<bool>("--stats") { Description = "Also print what verifying each program cost: instructions, blocks, iterations, time and memory." };
        var command = new Command("verify", "Prove that programs are safe to run, or show the instruction, source line and reason why not.")
        {
            path, selector, verbose, json, stats, platform,
        };
        var target = new TargetOptions();
        target.AddTo(command);
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var file = parse.GetValue(path)!;
            var read = target.Read(parse) with { Platform = parse.GetValue(platform) };
            var spec = ObjectInput.Load(file, read);

            // BTF-typed pointers are checked against the types CO-RE relocated against: the running kernel's, or --btf. Only
            // tracing programs meet kernel objects, so objects without them never read the kernel's BTF.
            var options = new VerifierOptions
            {
                RecordStates = parse.GetValue(verbose),
                TargetTypes = spec.Programs.Any(MeetsKernelObjects) ? BtfTargetTypes.Of(read) : null,
            };
            var verdicts = ObjectInput.Programs(spec, file, ProgramSelector.Name(parse, selector))
                .Select(program => Verify(program, spec.Maps, options))
                .ToList();
            var report = new VerifyReport(spec, verdicts, parse.GetValue(verbose), parse.GetValue(stats));
            if (parse.GetValue(json))
            {
                report.WriteJson(output);
            }
            else
            {
                report.WriteText(output);
            }

            return verdicts.All(v => v.Result.IsAccepted) ? EbpfCommand.Success : EbpfCommand.NegativeVerdict;
        }));
        return command;
    }

    /// <summary>True for programs that may hold kernel objects: BTF-typed arguments, or helpers that return them.</summary>
    private static bool MeetsKernelObjects(ProgramSpec program) =>
        program.Abi.FindProgramType((int)program.Type) is { } type && (type.HasBtfTypedArguments || type.CanCall(HelperId.GetCurrentTaskBtf));

    /// <summary>Verifies one program, measuring the memory the analysis allocated on this thread.</summary>
    private static ProgramVerdict Verify(ProgramSpec program, IReadOnlyList<MapSpec> maps, VerifierOptions options)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ProgramVerifier.Verify(program, maps, options);
        return new ProgramVerdict(program, result, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
