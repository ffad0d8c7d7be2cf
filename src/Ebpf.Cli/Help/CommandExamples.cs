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
        ["compile"] =
        [
            "ebpf compile xdp_count.o --out Generated --namespace MyApp.Bpf",
            "ebpf compile prog.o --class Filter --unverified",
        ],
        ["verify"] =
        [
            "ebpf verify prog.o",
            "ebpf verify prog.o program xdp_count --verbose",
            "ebpf verify prog.o --json --stats",
            "ebpf verify tool.bpf.o --btf vmlinux-5.15.btf --kconfig config-5.15",
        ],
        ["prog run"] =
        [
            "ebpf prog run prog.o data_in packet.bin",
            "ebpf prog run prog.o program xdp_count data_in packet.bin data_out out.bin repeat 1000 --dump-maps",
            "ebpf prog run prog.o data_in packet.bin --json",
            "ebpf prog run core.o program read_b data_in packet.bin --btf target.o",
        ],
        ["prog load"] = ["ebpf prog load xdp_count_drop.o /sys/fs/bpf/cd pinmaps /sys/fs/bpf/cd_maps"],
        ["prog loadall"] = ["ebpf prog loadall prog.o /sys/fs/bpf/all pinmaps /sys/fs/bpf/all_maps"],
        ["prog show"] = ["ebpf prog show", "ebpf prog show pinned /sys/fs/bpf/cd --json"],
        ["prog pin"] = ["ebpf prog pin id 1 /sys/fs/bpf/p"],
        ["prog unload"] = ["ebpf prog unload id 1"],
        ["map show"] = ["ebpf map show", "ebpf map show id 2 -j"],
        ["map dump"] = ["ebpf map dump pinned /sys/fs/bpf/cd_maps/proto_count"],
        ["map lookup"] = ["ebpf map lookup pinned /sys/fs/bpf/cd_maps/proto_count key 17 0 0 0"],
        ["map update"] = ["ebpf map update pinned /sys/fs/bpf/cd_maps/proto_count key 17 0 0 0 value hex e803000000000000"],
        ["map delete"] = ["ebpf map delete id 2 key 17 0 0 0"],
        ["map getnext"] = ["ebpf map getnext id 2 key 17 0 0 0"],
        ["map pin"] = ["ebpf map pin id 2 /sys/fs/bpf/counts"],
        ["map create"] = ["ebpf map create /sys/fs/bpf/flows type hash key 4 value 8 entries 1024 name flows"],
        ["link show"] = ["ebpf link show"],
        ["link detach"] = ["ebpf link detach id 1"],
        ["net attach xdp"] = ["ebpf net attach xdp pinned /sys/fs/bpf/cd dev veth1 peer veth2"],
        ["show programs"] = ["ebpf show programs"],
        ["show maps"] = ["ebpf show maps"],
        ["add program"] = ["ebpf add program prog.o pinpath /sys/fs/bpf/prog"],
        ["delete program"] = ["ebpf delete program 1"],
        ["prog dump xlated"] = ["ebpf prog dump xlated prog.o --linum", "ebpf prog dump xlated tool.bpf.o --btf /sys/kernel/btf/vmlinux"],
        ["prog dump jited"] = ["ebpf prog dump jited prog.o program xdp_count"],
        ["object show"] = ["ebpf object show prog.o", "ebpf object show prog.o --json"],
        ["exec"] =
        [
            "ebpf exec --bind policy.o -- python3 -m http.server 80",
            "ebpf exec --bind policy.o:bind4 --connect policy.o:connect4 --json -- curl http://10.0.0.1/",
            "ebpf exec --bind pinned /sys/fs/bpf/policy/bind4 --connect id 7 -- python3 -m http.server 8000",
        ],
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
