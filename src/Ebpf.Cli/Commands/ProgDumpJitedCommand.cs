using System.CommandLine;
using Ebpf.Runtime.Compilation;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Loading;

namespace Ebpf.Cli.Commands;

/// <summary>
/// <c>ebpf prog dump jited OBJ [program NAME]</c>: the IL the JIT generates, as bpftool's <c>dump jited</c> shows
/// the kernel's machine code. Programs are loaded first, so map references are the addresses the code uses.
/// </summary>
internal static class ProgDumpJitedCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("object") { Description = "A clang BPF object." };
        var selector = ProgramSelector.Create();
        var command = new Command("jited", "Print the IL the JIT generates for a program, each part under the eBPF instruction it implements.")
        {
            path, selector,
        };
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var file = parse.GetValue(path)!;
            var spec = ObjectInput.Load(file);
            var selected = ObjectInput.Programs(spec, file, ProgramSelector.Name(parse, selector)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var options = new LoadOptions(EngineKind.Interpreter) { SkipPrograms = spec.Programs.Select(p => p.Name).Where(n => !selected.Contains(n)).ToHashSet(StringComparer.Ordinal) };
            using var loaded = LoadedObject.Load(spec, options);
            var first = true;
            foreach (var program in loaded.Programs)
            {
                if (!first)
                {
                    output.WriteLine();
                }

                first = false;

                // As a verified program runs: unchecked, helpers trusting their pointers.
                var compiled = JitProgram.Compile(program.Code, LinuxHelpers.Table, ExecutionOptions.Default with { Checked = false }, recordListing: true);
                output.WriteLine($"{program.Name}:");
                output.Write(compiled.Listing);
            }

            return EbpfCommand.Success;
        }));
        return command;
    }
}
