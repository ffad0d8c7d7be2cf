using System.CommandLine;
using Ebpf.Cli.Commands;
using Ebpf.Cli.Help;
using Ebpf.Cli.Reference;

namespace Ebpf.Cli;

/// <summary>The root of the <c>ebpf</c> tool: one subcommand per noun or task, as bpftool spells them.</summary>
/// <remarks>Exit codes, everywhere: 0 success, 1 a negative verdict (failed tests, a fault), 2 bad input or usage.</remarks>
internal static class EbpfCommand
{
    public const int Success = 0;
    public const int NegativeVerdict = 1;
    public const int BadInput = 2;

    public static RootCommand Create()
    {
        var root = new RootCommand("ebpf: verify, load, run and inspect eBPF programs (clang -target bpf objects) in user mode, without the kernel.")
        {
            ConformanceCommand.Create(),
            AsmCommand.Create(),
            DisasmCommand.Create(),
            RunCommand.Create(),
            ObjectCommand.Create(),
            ProgCommand.Create(),
            XdpCommand.Create(),
            VerifyCommand.Create(),
            CompileCommand.Create(),
            ExecCommand.Create(),
            Commands.Service.MapServiceCommands.Create(),
            Commands.Service.LinkCommands.Link(),
            Commands.Service.LinkCommands.Net(),
            Commands.Service.NetshCommands.Show(),
            Commands.Service.NetshCommands.Add(),
            Commands.Service.NetshCommands.Delete(),
            DocsCommand.Create(),
        };
        HelpLayout.AddExamples(root);
        return root;
    }

    /// <summary>Parses and runs a command line; usage errors exit with <see cref="BadInput"/>.</summary>
    public static int Invoke(string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = Create().Parse(Commands.Service.LoadedProgramArguments.Route(args));
        var exitCode = parse.Invoke(configuration);
        return parse.Errors.Count > 0 && exitCode != Success ? BadInput : exitCode;
    }
}
