using System.Text.Json;

namespace Ebpf.Cli.Commands;

/// <summary>Enum values as bpftool spells them: <c>cgroup_sock_addr</c>, <c>lpm_trie</c>, <c>cgroup_inet4_bind</c>.</summary>
internal static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static string? Of<T>(T? value) where T : struct, Enum => value is { } v ? Of(v) : null;
}
