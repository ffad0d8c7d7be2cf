using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Ebpf.Cli.Commands.Service;

/// <summary>
/// The positional grammar of a service verb as bpftool's help writes it (<c>map update (id ID | pinned PATH) key BYTES
/// value BYTES [any | noexist | exist]</c>): help and docs/reference show it in the usage line instead of the
/// <c>[&lt;arguments&gt;...]</c> the parser sees, with what each upper-case word stands for.
/// </summary>
internal static partial class Grammar
{
    /// <summary>A program or map named by id or by pin, as bpftool's <c>PROG</c> and <c>MAP</c>.</summary>
    public const string Object = "(id ID | pinned PATH)";

    private static readonly ConditionalWeakTable<Command, string> Usages = [];

    /// <summary>What each upper-case word of a usage stands for.</summary>
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["ID"] = "an id, as show lists it",
        ["PATH"] = "a pin path: absolute, /sys/fs/bpf/... style (pins live in the service, not in a real bpffs)",
        ["OBJ"] = "an ELF object file (clang -target bpf)",
        ["DIR"] = "a pin folder: each program or map is pinned under it by name",
        ["BYTES"] = "one word per byte in C notation (17, 0x11, 021), or hex then hex digits (hex 11 00 00 00, hex 11000000)",
        ["FILE"] = "a file",
        ["N"] = "a number",
        ["IF"] = "a network interface, by name",
        ["IF2"] = "the peer interface XDP_TX and XDP_PASS frames go out of, by name",
        ["TYPE"] = "a map type as bpftool names it (array, hash, lru_hash, percpu_array, lpm_trie, ...)",
        ["KEY_SIZE"] = "key size in bytes",
        ["VALUE_SIZE"] = "value size in bytes",
        ["MAX_ENTRIES"] = "the most elements",
        ["NAME"] = "the map's name",
        ["FLAGS"] = "map flags (BPF_F_*), a number",
    };

    /// <summary>Records <paramref name="usage"/> (the whole line after <c>ebpf</c>) as <paramref name="command"/>'s grammar.</summary>
    public static void Set(Command command, string usage) => Usages.AddOrUpdate(command, usage);

    /// <summary>The grammar of <paramref name="command"/>, or null for a command whose parser knows its arguments.</summary>
    public static string? Of(Command command) => Usages.TryGetValue(command, out var usage) ? usage : null;

    /// <summary>The placeholders of <paramref name="usage"/> with their meaning, in order of first use.</summary>
    public static IEnumerable<(string Word, string Meaning)> PlaceholdersOf(string usage) =>
        UpperWords().Matches(usage).Select(m => m.Value).Distinct(StringComparer.Ordinal)
            .Where(Placeholders.ContainsKey).Select(word => (word, Placeholders[word]));

    [GeneratedRegex(@"\b[A-Z][A-Z0-9_]*\b")]
    private static partial Regex UpperWords();
}
