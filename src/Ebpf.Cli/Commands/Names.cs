using System.Text.Json;

namespace Ebpf.Cli.Commands;

/// <summary>Enum values as bpftool spells them: <c>cgroup_sock_addr</c>, <c>lpm_trie</c>, <c>cgroup_inet4_bind</c>.</summary>
internal static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static string? Of<T>(T? value) where T : struct, Enum => value is { } v ? Of(v) : null;

    /// <summary>
    /// A program's type as its platform names it: Linux's enum in snake case (<c>cgroup_sock_addr</c>), or the table's
    /// name for another platform's number (eBPF for Windows' <c>bind</c> is 2, which Linux's enum calls kprobe).
    /// </summary>
    public static string TypeOf(Core.Specs.ProgramSpec program) =>
        program.Platform == Core.Abi.AbiPlatform.Linux ? Of(program.Type) : program.Abi.FindProgramType((int)program.Type)?.Name ?? "unspecified";

    /// <summary>
    /// A program's expected attach type as its platform names it: Linux's enum in snake case, or eBPF for Windows' name
    /// for its number (<c>cgroup_inet4_connect</c> is 3 there, which Linux's enum calls <c>cgroup_sock_ops</c>).
    /// </summary>
    public static string? AttachTypeOf(Core.Specs.ProgramSpec program) => program.Platform == Core.Abi.AbiPlatform.Linux
        ? Of(program.ExpectedAttachType)
        : (int?)program.ExpectedAttachType switch
        {
            null => null,
            Core.Abi.WindowsAttachType.Xdp => "xdp",
            Core.Abi.WindowsAttachType.Bind => "bind",
            Core.Abi.WindowsAttachType.CgroupInet4Connect => "cgroup_inet4_connect",
            Core.Abi.WindowsAttachType.CgroupInet6Connect => "cgroup_inet6_connect",
            Core.Abi.WindowsAttachType.CgroupInet4RecvAccept => "cgroup_inet4_recv_accept",
            Core.Abi.WindowsAttachType.CgroupInet6RecvAccept => "cgroup_inet6_recv_accept",
            Core.Abi.WindowsAttachType.XdpTest => "xdp_test",
            { } other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
