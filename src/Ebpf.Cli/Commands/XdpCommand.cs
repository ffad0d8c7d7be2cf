using System.CommandLine;

namespace Ebpf.Cli.Commands;

/// <summary><c>ebpf xdp ...</c>: XDP programs over captures (<c>run</c>) and on live interfaces (<c>attach</c>).</summary>
internal static class XdpCommand
{
    public static Command Create() => new("xdp", "Run XDP programs over packet captures or attach them to network interfaces.")
    {
        XdpRunCommand.Create(),
        XdpAttachCommand.Create(),
    };
}
