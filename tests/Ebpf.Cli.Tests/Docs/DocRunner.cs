using System.Diagnostics;
using System.Text;
using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Docs;

/// <summary>
/// Runs a page's blocks in order in a fresh folder, with <c>ebpf</c> on the PATH being the CLI these tests are built
/// with: <c>c</c> blocks are written to their files, <c>sh</c> blocks run in bash (<c>set -e</c>), <c>text</c> blocks
/// must appear in the output of the <c>sh</c> block before them. Reports the first block that fails, with its output.
/// <c>cleanup</c> blocks run last whatever happened, and once before the first block as well.
/// The blocks are one terminal session, as the reader has: what a block exports (<c>export EBPF_SOCKET=...</c>) the
/// next blocks see, and what it starts in the background (<c>cmd &gt; log 2&gt;&amp;1 &amp;</c>, its output to a file so
/// that the block can end) runs on until a later block or a <c>cleanup</c> block stops it. The working folder is
/// always the tutorial's (a <c>cd</c> does not carry over).
/// </summary>
internal sealed class DocRunner : IDisposable
{
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("ebpf-doc-").FullName;
    private readonly string _path;
    private readonly string _environment;

    public DocRunner()
    {
        // Scripts named ebpf and ebpfd that run the CLI and the service built beside these tests, as installed tools
        // would run (exec: the pid a block's $! names is the tool's own).
        var bin = Directory.CreateDirectory(Path.Combine(_folder, ".bin")).FullName;
        foreach (var tool in (string[])["ebpf", "ebpfd"])
        {
            var script = Path.Combine(bin, tool);
            File.WriteAllText(script, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, tool + ".dll")}\" \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        _environment = Path.Combine(_folder, "environment.sh");
        _path = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        Folder = Directory.CreateDirectory(Path.Combine(_folder, "work")).FullName;
    }

    /// <summary>The folder the blocks run in.</summary>
    public string Folder { get; }

    /// <summary>What ran and what was skipped, for the test's output.</summary>
    public StringBuilder Log { get; } = new();

    /// <summary>Why a block cannot run on this machine, or null when it can.</summary>
    public static string? Unmet(DocBlock block)
    {
        foreach (var need in block.Needs)
        {
            var met = need switch
            {
                "root" => Environment.IsPrivilegedProcess,
                "netns" => Environment.IsPrivilegedProcess && ExternalTool.IsAvailable("ip") && Directory.Exists("/proc/self/ns") && OperatingSystem.IsLinux(),
                "seccomp-unotify" => OperatingSystem.IsLinux() && ReadsContaining("/proc/sys/kernel/seccomp/actions_avail", "user_notif"),
                "privileged-port-80" => OperatingSystem.IsLinux() && int.TryParse(Read("/proc/sys/net/ipv4/ip_unprivileged_port_start"), out var first) && first > 80,
                _ when need.StartsWith('/') => File.Exists(need),
                _ => ExternalTool.IsAvailable(need),
            };
            if (!met)
            {
                return $"needs {need}";
            }
        }

        return null;
    }

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static bool ReadsContaining(string path, string word) => Read(path)?.Contains(word, StringComparison.Ordinal) == true;

    /// <summary>Runs every block; returns the failure message, or null when all passed.</summary>
    public string? Run(IReadOnlyList<DocBlock> blocks)
    {
        string? lastOutput = null;
        var cleanup = blocks.Where(b => b.Directives.ContainsKey("cleanup")).ToList();
        try
        {
            // Cleanup first too, quietly: what an earlier run that was killed left behind (namespaces) would make setup fail.
            foreach (var block in cleanup.Where(b => Unmet(b) is null))
            {
                Bash(block.Text);
            }

            foreach (var block in blocks.Where(b => !b.Directives.ContainsKey("cleanup")))
            {
                if (Step(block, ref lastOutput) is { } failure)
                {
                    return failure;
                }
            }

            return null;
        }
        finally
        {
            foreach (var block in cleanup)
            {
                Step(block, ref lastOutput);
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string? Step(DocBlock block, ref string? lastOutput)
    {
        switch (block.Language)
        {
            case "c":
                File.WriteAllText(Path.Combine(Folder, block.Title!), block.Text);
                return null;
            case "text" when block.Directives.GetValueOrDefault("output") == "not-checked":
                return null;
            case "text" when lastOutput is null:
                Log.AppendLine($"line {block.Line}: output not compared, its command did not run here");
                return null;
            case "text":
                return MarkdownBlocks.Matches(block.Text, lastOutput, out var missing)
                    ? null
                    : $"{block}\nis not what the command before it printed: no line matching\n  {missing}\nThe command printed:\n{lastOutput}";
            case "sh":
                if (Unmet(block) is { } reason)
                {
                    Log.AppendLine($"line {block.Line}: skipped, {reason}");
                    lastOutput = null;
                    return null;
                }

                var (exitCode, output) = Bash(block.Text);
                lastOutput = output;
                Log.AppendLine($"line {block.Line}: exit {exitCode}");
                return exitCode == block.ExpectedExit ? null : $"{block}\nexited with {exitCode}, not {block.ExpectedExit}. It printed:\n{output}";
            default:
                return $"{block}\nhas a language the doc test does not know (sh, c title=FILE, text)";
        }
    }

    private (int ExitCode, string Output) Bash(string script)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        // The exports of the blocks before, and this block's for the blocks after (the trap runs on failure too).
        start.ArgumentList.Add($"[ -f '{_environment}' ] && . '{_environment}'\ntrap \"export -p > '{_environment}'\" EXIT\nset -eo pipefail; exec 2>&1\n" + script);
        start.Environment["PATH"] = _path;
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(BlockTimeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output.Result + $"\n(killed after {BlockTimeout.TotalMinutes} minutes)");
        }

        return (process.ExitCode, output.Result);
    }
}
