using System.CommandLine;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;

namespace Ebpf.Cli.Commands;

/// <summary>Loads the XDP program an <c>ebpf xdp</c> command runs: the one named, or the object's only XDP program.</summary>
internal static class XdpProgramInput
{
    public static Option<bool> CreateUncheckedOption() => new("--unchecked")
    {
        Description = "Run without checking each memory access (faster; only for programs you trust or have verified).",
    };

    /// <summary>Loads the object with only the chosen program, on the engine the command line chose.</summary>
    public static (LoadedObject Object, LoadedProgram Program) Load(string file, string? name, EngineKind engine, bool uncheckedRuns, int cpuCount = 0, AbiPlatform? platform = null)
    {
        var spec = ObjectInput.Load(file, ObjectReadOptions.Default with { Platform = platform });
        var candidates = ObjectInput.Programs(spec, file, name);
        if (name is null)
        {
            candidates = [.. candidates.Where(IsXdp)];
        }

        if (candidates.Count != 1)
        {
            throw CommandAction.Refuse(name is null ? DiagnosticCode.NotAnXdpProgram : DiagnosticCode.InputNotFound, file, candidates.Count == 0
                ? "the object has no XDP program"
                : $"the object has {candidates.Count} XDP programs; choose one with 'program NAME' ({string.Join(", ", candidates.Select(p => p.Name))})");
        }

        var chosen = candidates[0];
        if (!IsXdp(chosen))
        {
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.NotAnXdpProgram,
                $"program '{chosen.Name}' is of type {Names.TypeOf(chosen)} (section '{chosen.SectionName}'), not XDP", new DiagnosticLocation(File: file, Program: chosen.Name))]);
        }

        var options = new LoadOptions(engine, new ExecutionOptions(Checked: !uncheckedRuns), cpuCount)
        {
            SkipPrograms = spec.Programs.Where(p => p.Name != chosen.Name).Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
        };
        var loaded = LoadedObject.Load(spec, options);
        return (loaded, loaded.Programs[0]);
    }

    /// <summary>Linux's XDP type, or eBPF for Windows' <c>xdp</c> or <c>xdp_test</c>.</summary>
    private static bool IsXdp(ProgramSpec program) => program.Platform == AbiPlatform.Windows
        ? (int)program.Type is WindowsProgramType.Xdp or WindowsProgramType.XdpTest
        : program.Type == ProgramType.Xdp;
}
