using System.CommandLine;
using Ebpf.Hooks.Sockets;

namespace Ebpf.Cli.Commands;

/// <summary>
/// <c>ebpf exec [--bind OBJ[:PROGRAM]]... [--connect OBJ[:PROGRAM]]... [--json] -- COMMAND ARGS...</c>: runs a command
/// with its <c>bind</c> and <c>connect</c> calls (and those of every process it starts) decided by socket address
/// programs; prints the programs' maps and what the hooks did when it exits, and exits with its exit code.
/// </summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var bind = new Option<string[]>("--bind")
        {
            Description = "A cgroup/bind4 or cgroup/bind6 program, or an eBPF for Windows bind program, for the command's bind calls: OBJ (all such programs of the object) or OBJ:PROGRAM. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var connect = new Option<string[]>("--connect")
        {
            Description = "A cgroup/connect4 or cgroup/connect6 program (Linux's, or eBPF for Windows' sock_addr, which may redirect by rewriting user_ip/user_port) for the command's connect calls: OBJ or OBJ:PROGRAM. Repeatable.",
        };
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
            + "(Linux: seccomp user notification; see docs/sockets.md). Exits with the command's exit code.")
        {
            bind, connect, engine, unverified, json, platform, command,
        };
        exec.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var (programs, objects) = SocketProgramInput.Load(parse.GetValue(bind) ?? [], parse.GetValue(connect) ?? [], parse.GetValue(engine), parse.GetValue(unverified), parse.GetValue(platform));
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
