using System.Diagnostics;

namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>Runs LLVM 14's <c>llvm-objdump</c>, the reference the disassembler is compared with.</summary>
internal static class LlvmObjdump
{
    // Newer LLVM prints other syntax (hexadecimal immediates, for one), so only version 14 is a reference.
    private const string RequiredVersion = "LLVM version 14.";

    private static readonly Lazy<(string? Path, string? Problem)> Tool = new(Locate);

    /// <summary>Why the tool cannot be used, or null when it can.</summary>
    public static string? UnavailableReason => Tool.Value.Problem;

    /// <summary>
    /// <c>llvm-objdump -d</c> of an object, as the issue and the kernel's verifier log print it. LLVM 14
    /// cannot decode the 32-bit atomics of v3 (all but add) in this mode: it prints them as <c>&lt;unknown&gt;</c>
    /// or, for fetch-add, as a plain add; the comparison skips those and unit tests pin their text.
    /// </summary>
    public static string Disassemble(string objectFile)
    {
        var path = Tool.Value.Path ?? throw new InvalidOperationException(UnavailableReason);
        var (exitCode, output, error) = Run(path, "-d", objectFile);
        return exitCode == 0 ? output : throw new InvalidOperationException($"llvm-objdump failed on {objectFile}: {error}");
    }

    private static (string? Path, string? Problem) Locate()
    {
        var found = new List<string>();
        foreach (var name in new[] { "llvm-objdump-14", "llvm-objdump" })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                var candidate = Path.Combine(dir, name);
                if (dir.Length == 0 || !File.Exists(candidate))
                {
                    continue;
                }

                var (exitCode, output, _) = Run(candidate, "--version");
                if (exitCode == 0 && output.Contains(RequiredVersion, StringComparison.Ordinal))
                {
                    return (candidate, null);
                }

                found.Add($"{candidate} ({output.Split('\n').FirstOrDefault(l => l.Contains("version", StringComparison.Ordinal))?.Trim()})");
            }
        }

        return (null, found.Count == 0
            ? "llvm-objdump (LLVM 14) is not installed: install llvm-14 to compare the disassembler with it"
            : $"llvm-objdump of LLVM 14 is needed as the reference; found only {string.Join(", ", found)}");
    }

    private static (int ExitCode, string Output, string Error) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }
}
