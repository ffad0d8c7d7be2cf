using System.CommandLine;

namespace Ebpf.Cli.Tests;

/// <summary>Runs the <c>ebpf</c> command line in process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = EbpfCommand.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    public static string TempFile(string extension, byte[] contents)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ebpf-cli-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, contents);
        return path;
    }

    public static string TempFile(string extension, string text) => TempFile(extension, System.Text.Encoding.UTF8.GetBytes(text));
}
