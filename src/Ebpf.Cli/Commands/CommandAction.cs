using System.CommandLine;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Cli.Commands;

/// <summary>
/// Runs a command body with its output writer, turning refused input into diagnostics on the error
/// writer and exit code 2, so that no bad input ends in a stack trace.
/// </summary>
internal static class CommandAction
{
    public static int Run(ParseResult parse, Func<TextWriter, int> body)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return body(output);
        }
        catch (DiagnosticException refused)
        {
            foreach (var diagnostic in refused.Diagnostics)
            {
                error.WriteLine(diagnostic);
            }

            return EbpfCommand.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(new Diagnostic(DiagnosticCode.InputUnreadable, ex.Message, new DiagnosticLocation()));
            return EbpfCommand.BadInput;
        }
    }

    /// <summary>Reads a whole input file, refusing a missing one with a diagnostic.</summary>
    public static byte[] ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw Refuse(DiagnosticCode.InputNotFound, path, "no such file");
        }

        return File.ReadAllBytes(path);
    }

    public static DiagnosticException Refuse(DiagnosticCode code, string path, string message) =>
        new([new Diagnostic(code, message, new DiagnosticLocation(File: path))]);
}
