using System.Diagnostics;
using System.Globalization;

namespace Ebpf.Core.Tests.Abi;

/// <summary>Compiles one of the Windows header probes with gcc against a testdata folder and returns what it prints.</summary>
internal static class WindowsProbe
{
    public static string Run(string source, string includeDirectory)
    {
        var directory = Directory.CreateTempSubdirectory("ebpf-windows-probe-");
        try
        {
            var binary = Path.Combine(directory.FullName, "probe");
            var (code, _, errors) = Execute("gcc", ["-std=gnu11", "-I", includeDirectory, "-o", binary, Path.Combine(AppContext.BaseDirectory, "Abi", source)]);
            Assert.True(code == 0, source + " does not compile:\n" + errors);
            var (exit, output, _) = Execute(binary, []);
            Assert.Equal(0, exit);
            return output;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static (int Code, string Output, string Errors) Execute(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }
}
