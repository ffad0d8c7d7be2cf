using Ebpf.Api.Hosting;
using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Sockets;
using Ebpf.Service.Contracts;

namespace Ebpf.Cli.Commands.Service;

/// <summary>
/// <c>ebpf exec --bind (id ID | pinned PATH) ... -- COMMAND</c>: the programs are the service's, and so is the
/// attachment. The command is started under the hooks' filter and held; ebpfd takes its seccomp listener from this
/// process (<c>pidfd_getfd</c> on the socket peer) and supervises it as an <c>exec</c> link; only then does the
/// command run. While it runs, <c>ebpf map</c> commands act on the very maps its calls are decided by.
/// </summary>
internal static class ServiceExec
{
    /// <summary>True when the option values name loaded programs (<c>id</c>/<c>pinned</c>) rather than object files.</summary>
    public static bool NamesLoadedPrograms(IEnumerable<string> values) => values.Any(v => v is "id" or "pinned");

    /// <summary>Runs the command under an exec link in the service; returns its exit code.</summary>
    public static int Run(string[] bind, string[] connect, IReadOnlyList<string> command, string? socket, TextWriter error)
    {
        using var host = BpfHost.Connect(new BpfHostOptions(BpfHostMode.Service, socket));
        var bindIds = Programs(host, bind, "--bind");
        var connectIds = Programs(host, connect, "--connect");

        // Held before it runs: if the service refuses (access, program, listener), the command never starts.
        using var launch = SupervisedLaunch.Start(command, ExecCommand.Launcher(), redirectOutput: false, TimeSpan.FromSeconds(30));
        var link = host.AttachExecAsync(new AttachExecRequest(bindIds, connectIds, launch.Listener, launch.Process.Id)).GetAwaiter().GetResult();

        // Our copy must go: a listener nobody reads would leave the command's calls waiting if the service died.
        launch.CloseListener();
        launch.Release();
        error.WriteLine($"ebpf exec: link {link.Id} in the service (exec, programs {string.Join(',', link.ProgramIds ?? [link.ProgramId])}, pid {launch.Process.Id}); "
            + $"'ebpf link show id {link.Id}' while it runs");
        launch.Process.WaitForExit();
        return launch.Process.ExitCode;
    }

    private static uint[] Programs(IBpfHost host, string[] values, string option)
    {
        var words = new Words(values, $"ebpf exec {option} {Grammar.Object}... -- COMMAND");
        var ids = new List<uint>();
        while (!words.AtEnd)
        {
            if (words.Peek is not ("id" or "pinned"))
            {
                throw new DiagnosticException([new Diagnostic(DiagnosticCode.InputFormat,
                    $"'{words.Peek}' is an object file, but other programs are the service's: load the object into the service "
                    + "('ebpf prog loadall OBJ /sys/fs/bpf/DIR') and name each program with pinned PATH or id ID", new DiagnosticLocation())]);
            }

            ids.Add(words.TakeProgram(host));
        }

        return [.. ids];
    }
}
