using System.Collections.Frozen;
using System.CommandLine;

namespace Ebpf.Cli.Help;

/// <summary>
/// Example command lines, by command path (<c>xdp run</c>), shown at the end of a command's help and in
/// docs/reference/cli.md. A test parses each one, so they stay valid as options change.
/// </summary>
internal static class CommandExamples
{
    private static readonly FrozenDictionary<string, string[]> ByPath = new Dictionary<string, string[]>
    {
        [""] =
        [
            "ebpf verify prog.o",
            "ebpf xdp run prog.o --pcap traffic.pcap --drop dropped.pcap",
            "ebpf prog run prog.o data_in packet.bin --dump-maps",
            "ebpf object show prog.o",
        ],
        ["verify"] =
        [
            "ebpf verify prog.o",
            "ebpf verify prog.o program xdp_count --verbose",
            "ebpf verify prog.o --json --stats",
        ],
        ["prog run"] =
        [
            "ebpf prog run prog.o data_in packet.bin",
            "ebpf prog run prog.o program xdp_count data_in packet.bin data_out out.bin repeat 1000 --dump-maps",
            "ebpf prog run prog.o data_in packet.bin --json",
        ],
        ["prog dump xlated"] = ["ebpf prog dump xlated prog.o --linum"],
        ["prog dump jited"] = ["ebpf prog dump jited prog.o program xdp_count"],
        ["object show"] = ["ebpf object show prog.o", "ebpf object show prog.o --json"],
        ["xdp run"] =
        [
            "ebpf xdp run prog.o --pcap traffic.pcap",
            "ebpf xdp run prog.o --pcap traffic.pcap --pass passed.pcap --drop dropped.pcap --json",
        ],
        ["xdp attach"] =
        [
            "ebpf xdp attach prog.o --interface eth0 --duration 10",
            "ebpf xdp attach prog.o --interface veth1 --peer veth2 --workers 2 --json",
        ],
        ["conformance"] = ["ebpf conformance ../shared/conformance --engine jit"],
        ["asm"] = ["ebpf asm prog.s -o prog.bin"],
        ["disasm"] = ["ebpf disasm prog.bin"],
        ["run"] = ["ebpf run prog.s --mem \"01 02 03 04\""],
    }.ToFrozenDictionary();

    /// <summary>Every command path that has examples.</summary>
    public static IEnumerable<string> Paths => ByPath.Keys;

    /// <summary>The examples of the command at <paramref name="path"/>; empty when it has none.</summary>
    public static IReadOnlyList<string> For(string path) => ByPath.GetValueOrDefault(path, []);

    /// <summary>The path of <paramref name="command"/> below the root, words joined by spaces (<c>xdp run</c>; the root is empty).</summary>
    public static string PathOf(Command command)
    {
        var words = new List<string>();
        for (Symbol? symbol = command; symbol is Command { } current && current is not RootCommand; symbol = current.Parents.FirstOrDefault())
        {
            words.Insert(0, current.Name);
        }

        return string.Join(' ', words);
    }
}
