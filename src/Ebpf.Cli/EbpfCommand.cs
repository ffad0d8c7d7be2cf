using System.CommandLine;
using Ebpf.Cli.Commands;

namespace Ebpf.Cli;

/// <summary>The root of the <c>ebpf</c> tool: one subcommand per noun or task, as bpftool spells them.</summary>
internal static class EbpfCommand
{
    public static RootCommand Create() => new("ebpf: load, verify, run and inspect eBPF programs in user mode.")
    {
        ConformanceCommand.Create(),
        AsmCommand.Create(),
        DisasmCommand.Create(),
        RunCommand.Create(),
    };
}
