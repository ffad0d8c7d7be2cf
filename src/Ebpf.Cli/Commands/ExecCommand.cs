using System.CommandLine;
using Ebpf.Cli.Commands.Service;
using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Sockets;

namespace Ebpf.Cli.Commands;

/// <summary>
/// <c>ebpf exec [--bind OBJ[:PROGRAM]]... [--connect OBJ[:PROGRAM]]... [--json] -- COMMAND ARGS...</c>: runs a command
/// with its <c>bind</c> and <c>connect</c> calls (and those of every process it starts) decided by socket address
/// programs; prints the programs' maps and what the hooks did when it exits, and exits with its exit code. Programs
/// named <c>id ID</c> or <c>pinned PATH</c> are the service's, which then owns the attachment (<see cref="ServiceExec"/>).
/// </summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        // Arity 1 to 2 per occurrence: a file, or bpftool's two words naming a program loaded in the service.
        var bind = new Option<string[]>("--bind")
        {
            Description = "A cgroup/bind4 or cgroup/bind6 program, or an eBPF for Windows bind program, for the command's bind calls: OBJ (all such programs of the object), "
                + "OBJ:PROGRAM, or a program loaded in the service ebpfd, 'pinned PATH' or 'id ID' (the service then owns the attachment). Repeatable.",
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var connect = new Option<string[]>("--connect")
        {
            Description = "A cgroup/connect4 or cgroup/connect6 program (Linux's, or eBPF for Windows' sock_addr, which may redirect by rewriting user_ip/user_port) for the command's connect calls: OBJ, OBJ:PROGRAM, 'pinned PATH' or 'id ID'. Repeatable.",
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var socket = ServiceConnection.SocketOption();
        var command = new Argument<string[]>("command")
        {
            Description = "The command and its arguments, after '--'.",
            Arity = ArgumentArity.OneOrMore,
        };
        var engine = EngineOption.Create();
        var unverified = UnverifiedOption.Create();
        var json = new Option<bool>("--json", "-j") { Description = "Print the maps and counters at exit as JSON." };
        var platform = PlatformOption.Create();
        var exec = new Command("exec", "Run a command with its bind and connect calls allowed, refused or redirected by socket address programs "
            + "(Linux: seccomp user notification; see docs/sockets.md). Programs from files run in this process, which prints their maps when the command exits; "
            + "programs loaded in the service ebpfd (pinned PATH, id ID) run there, as an exec link that 'ebpf link show' lists and 'ebpf map' commands reach while the command runs. "
            + "Exits with the command's exit code.")
        {
            bind, connect, engine, unverified, json, platform, socket, command,
        };
        exec.SetAction(parse => CommandAction.Run(parse, output =>
        {
            string[] bindValues = parse.GetValue(bind) ?? [], connectValues = parse.GetValue(connect) ?? [];
            if (ServiceExec.NamesLoadedPrograms(bindValues) || ServiceExec.NamesLoadedPrograms(connectValues))
            {
                // These shape a load and a summary in this process; the service loaded and verified its programs itself.
                if (new Option[] { engine, unverified, json, platform }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } local)
                {
                    throw new DiagnosticException([new Diagnostic(DiagnosticCode.InputFormat,
                        $"{local.Name} applies to object files; programs loaded in the service ran its verifier when loaded, and their maps are read with 'ebpf map dump'",
                        new DiagnosticLocation())]);
                }

                return ServiceExec.Run(bindValues, connectValues, parse.GetValue(command)!, parse.GetValue(socket), parse.InvocationConfiguration.Error);
            }

            var (programs, objects) = SocketProgramInput.Load(bindValues, connectValues, parse.GetValue(engine), parse.GetValue(unverified), parse.GetValue(platform));
            try
            {
                using var session = SocketHookSession.Start(new SocketHookOptions(parse.GetValue(command)!, programs, Launcher()) { Objects = objects });
                var exitCode = session.WaitForExit();
                ExecSummary.Print(output, session, exitCode, parse.GetValue(json));
                return exitCode;
            }
            finally
            {
                foreach (var loaded in objects)
                {
                    loaded.Dispose();
                }
            }
        }));
        return exec;
    }

    /// <summary>
    /// This tool started again at its internal launcher entry: its apphost where there is one, else the .NET host
    /// with its assembly (as under <c>dotnet ebpf.dll</c> and in tests).
    /// </summary>
    public static IReadOnlyList<string> Launcher()
    {
        var assembly = typeof(ExecCommand).Assembly.Location;
        var apphost = Path.ChangeExtension(assembly, null);
        if (File.Exists(apphost) && !OperatingSystem.IsWindows())
        {
            return [apphost, SeccompLauncher.Verb];
        }

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host))
        {
            host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        }

        return [host, assembly, SeccompLauncher.Verb];
    }
}
