using System.CommandLine;
using Ebpf.Core.Abi;

namespace Ebpf.Cli.Commands;

/// <summary>The <c>--platform</c> option: whose numbering an object was compiled for, when its sections do not say.</summary>
internal static class PlatformOption
{
    public static Option<AbiPlatform?> Create() => new("--platform")
    {
        Description = "Whose numbering the object was compiled for: linux, or windows (eBPF for Windows: its section names, "
            + "helper and map type numbers). By default Linux, unless the programs are in sections only eBPF for Windows knows (bind, xdp_test, cgroup/recv_accept4, cgroup/recv_accept6); xdp and cgroup/connect4|6 alone need --platform windows.",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Enum.TryParse<AbiPlatform>(text, ignoreCase: true, out var platform) && Enum.IsDefined(platform) && !int.TryParse(text, out _))
            {
                return platform;
            }

            result.AddError($"Unknown platform '{text}'; choose linux or windows.");
            return null;
        },
    };
}
