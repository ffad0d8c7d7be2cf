using System.Diagnostics;

namespace Ebpf.Testing;

/// <summary>Runs tools of the machine (llvm-objdump, llvm-readelf, bpftool) that tests compare against.</summary>
internal static class ExternalTool
{
    private static readonly string[] SbinFolders = ["/usr/sbin", "/sbin", "/usr/local/sbin"];

    /// <summary>The full path of <paramref name="name"/> on the PATH or in the sbin folders, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SbinFolders)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    /// <summary>True when <paramref name="name"/> can be run.</summary>
    public static bool IsAvailable(string name) => Find(name) is not null;

    /// <summary>Why tests that need <paramref name="tools"/> are skipped, or null when all are there.</summary>
    public static string? MissingReason(string[] tools)
    {
        var missing = tools.Where(t => !IsAvailable(t)).ToList();
        return missing.Count == 0 ? null : $"needs {string.Join(", ", missing)} (apt-get install llvm bpftool), the reference these tests compare with";
    }

    /// <summary>Runs a tool and returns its standard output; fails the test when it exits with an error.</summary>
    public static string Run(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(name) ?? name) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{name} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
        return output;
    }
}

/// <summary>A fact that is skipped, with the reason, where a tool it compares against is missing.</summary>
internal sealed class FactRequiringAttribute : FactAttribute
{
    public FactRequiringAttribute(params string[] tools) => Skip = ExternalTool.MissingReason(tools);
}

/// <summary>A theory that is skipped, with the reason, where a tool it compares against is missing.</summary>
internal sealed class TheoryRequiringAttribute : TheoryAttribute
{
    public TheoryRequiringAttribute(params string[] tools) => Skip = ExternalTool.MissingReason(tools);
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
