using System.Diagnostics;

namespace Ebpf.Testing;

/// <summary>Runs tools of the machine (llvm-objdump, llvm-readelf, bpftool) that tests compare against.</summary>
internal static class ExternalTool
{
    /// <summary>True when <paramref name="name"/> is on the PATH.</summary>
    public static bool IsAvailable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    /// <summary>Runs a tool and returns its standard output; fails the test when it exits with an error.</summary>
    public static string Run(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{name} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}");
        return output.Result;
    }
}

/// <summary>A fact that is skipped, with the reason, where a tool it compares against is missing.</summary>
internal sealed class FactRequiringAttribute : FactAttribute
{
    public FactRequiringAttribute(params string[] tools)
    {
        var missing = tools.Where(t => !ExternalTool.IsAvailable(t)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} on the PATH (apt-get install llvm bpftool)";
        }
    }
}

/// <summary>A fact that is skipped, with the reason, where a folder it reads is missing.</summary>
internal sealed class FactRequiringFolderAttribute : FactAttribute
{
    public FactRequiringFolderAttribute(string folder, string hint)
    {
        if (!Directory.Exists(folder))
        {
            Skip = $"{folder} is missing: {hint}";
        }
    }
}
