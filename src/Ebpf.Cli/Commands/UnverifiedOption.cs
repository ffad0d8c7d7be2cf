using System.CommandLine;

namespace Ebpf.Cli.Commands;

/// <summary>The <c>--unverified</c> option of every command that loads programs to run them.</summary>
internal static class UnverifiedOption
{
    public static Option<bool> Create() => new("--unverified")
    {
        Description = "Load without proving the program safe first. It then runs in the checked interpreter, whatever --engine says, "
            + "and a fault stops it instead of harming the process.",
    };
}
