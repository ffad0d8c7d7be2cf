using System.Diagnostics;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>Finds and runs the command-line tools the BTF tests compare against (bpftool).</summary>
internal static class ExternalTool
{
    private static readonly string[] ExtraFolders = ["/usr/sbin", "/sbin", "/usr/local/sbin"];

    /// <summary>The full path of <paramref name="name"/> on PATH (or in the sbin folders), or null.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraFolders)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs a tool and returns its standard output; fails the test if it exits non-zero.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(Find(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errorTask.Result}");
        return output;
    }
}

/// <summary>A fact that is skipped, saying why, when bpftool is not installed.</summary>
internal sealed class BpftoolFactAttribute : FactAttribute
{
    public BpftoolFactAttribute()
    {
        if (ExternalTool.Find("bpftool") is null)
        {
            Skip = "bpftool is not installed (apt-get install linux-tools-common or bpftool); it is the oracle for these BTF tests";
        }
    }
}

/// <summary>A theory that is skipped, saying why, when bpftool is not installed.</summary>
internal sealed class BpftoolTheoryAttribute : TheoryAttribute
{
    public BpftoolTheoryAttribute()
    {
        if (ExternalTool.Find("bpftool") is null)
        {
            Skip = "bpftool is not installed (apt-get install linux-tools-common or bpftool); it is the oracle for these BTF tests";
        }
    }
}
