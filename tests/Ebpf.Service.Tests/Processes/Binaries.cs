using System.Diagnostics;

namespace Ebpf.Service.Tests.Processes;

/// <summary>The real <c>ebpf</c> and <c>ebpfd</c>, run as child processes from the test's output folder (the project references copy them there).</summary>
internal static class Binaries
{
    public static string Ebpf => Path.Combine(AppContext.BaseDirectory, "ebpf.dll");

    public static string Ebpfd => Path.Combine(AppContext.BaseDirectory, "ebpfd.dll");

    /// <summary>Runs the CLI against <paramref name="socket"/>, optionally as another user (uid, gid) with no supplementary groups.</summary>
    public static ToolResult Cli(string socket, IEnumerable<string> args, (uint Uid, uint Gid)? user = null)
    {
        var start = Start(user);
        start.ArgumentList.Add(user is null ? Ebpf : EbpfForOtherUsers.Value);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["EBPF_SOCKET"] = socket;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new TimeoutException("ebpf " + string.Join(' ', args));
        }

        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// The CLI as another user can run it: the test's output folder may lie below a folder only its owner may enter
    /// (a fresh clone under <c>mktemp -d</c>, as CI makes), so other users run a copy in a folder everyone can read.
    /// </summary>
    private static readonly Lazy<string> EbpfForOtherUsers = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ebpf-cli-").FullName;
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        if (!OperatingSystem.IsWindows())
        {
            foreach (var directory in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Append(folder))
            {
                File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("755", 8));
            }
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return Path.Combine(folder, "ebpf.dll");
    });

    public static ToolResult Cli(string socket, params string[] args) => Cli(socket, (IEnumerable<string>)args);

    /// <summary>dotnet, directly or through <c>setpriv</c> to become another user.</summary>
    public static ProcessStartInfo Start((uint Uid, uint Gid)? user)
    {
        var start = new ProcessStartInfo(user is null ? "dotnet" : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is { } u)
        {
            start.ArgumentList.Add($"--reuid={u.Uid}");
            start.ArgumentList.Add($"--regid={u.Gid}");
            start.ArgumentList.Add("--clear-groups");
            start.ArgumentList.Add("dotnet");
            start.Environment["HOME"] = "/tmp";
            start.Environment["DOTNET_CLI_HOME"] = "/tmp";
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }
}
