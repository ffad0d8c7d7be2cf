using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ebpf.Hooks.Tests.Xdp.Live;
using Ebpf.Service.Tests.Processes;
using Xunit.Abstractions;
using static Ebpf.Service.Tests.Persistence.RestartTests;

namespace Ebpf.Service.Tests.EndToEnd;

/// <summary>
/// Issue 8's "done when": ebpfd as a process, a benchmark object loaded and pinned with the CLI, attached live in a
/// namespace pair (or run through prog run where namespaces cannot be made), its counters read with map dump while it
/// runs, a map update from the CLI the program counts on from, SIGKILL, restart, and the same pinned map contents:
/// with snapshots an hour apart, so the counters the program wrote come back from the map's shared file mapping.
/// </summary>
public sealed class ServiceEndToEndTests(ITestOutputHelper log)
{
    private static readonly string[] NoSnapshots = ["--snapshot-ms", "3600000"];

    [Fact]
    public void Load_attach_dump_update_kill_and_restart_keep_the_pinned_counters()
    {
        var folder = TestService.NewFolder();
        var programPin = Objects.PinPath("count_drop");
        var maps = Path.GetDirectoryName(programPin) + "/maps";
        var counts = maps + "/proto_count";
        var live = NamespacePair.Unavailable is null;
        log.WriteLine(live ? "attaching live in a namespace pair" : $"no namespaces ({NamespacePair.Unavailable}): driving the program with prog run");
        using var pair = live ? new NamespacePair() : null;
        var packet = Path.Combine(folder, "udp.bin");
        File.WriteAllBytes(packet, Objects.Ipv4Frame(17));
        string before;
        // No snapshot in the test's time: what the program wrote must come back from the map's file mapping alone.
        using (var daemon = EbpfdProcess.Start(folder, NoSnapshots))
        {
            var cli = (string[] args) => Ok(Binaries.Cli(daemon.SocketPath, args));
            cli(["prog", "load", Objects.CountDrop, programPin, "pinmaps", maps]);
            Action<int> send = live ? Attach(cli, programPin, pair!) : n => cli(["prog", "run", "pinned", programPin, "data_in", packet, "repeat", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

            send(5);
            var udp = WaitForCount(cli, counts, atLeast: 5);
            cli(["map", "update", "pinned", counts, "key", "17", "0", "0", "0", "value", "hex", "e803000000000000"]); // 1000
            send(3);
            var reacted = WaitForCount(cli, counts, atLeast: 1003);
            log.WriteLine($"udp count {udp} before the update, {reacted} after it");
            Assert.InRange(reacted, 1003ul, 1000ul + 100);

            Thread.Sleep(500); // let stray frames (neighbour discovery counts too) settle; no snapshot runs meanwhile
            before = cli(["map", "dump", "pinned", counts, "-j"]).Output;
            daemon.Kill();
            log.WriteLine(daemon.Log);
        }

        string after;
        ToolResult program;
        using (var restarted = EbpfdProcess.Start(folder, NoSnapshots))
        {
            after = Ok(Binaries.Cli(restarted.SocketPath, "map", "dump", "pinned", counts, "-j")).Output;
            program = Ok(Binaries.Cli(restarted.SocketPath, "prog", "show", "pinned", programPin));
            log.WriteLine(restarted.Log);
        }

        TestService.DeleteFolder(folder);

        Assert.Equal(before, after);
        Assert.Contains("verified", program.Output, StringComparison.Ordinal);
    }

    /// <summary>Attaches through the CLI, then sends UDP from the first namespace; a static neighbour lets frames leave without an ARP answer.</summary>
    private static Action<int> Attach(Func<string[], ToolResult> cli, string programPin, NamespacePair pair)
    {
        cli(["net", "attach", "xdp", "pinned", programPin, "dev", pair.Outside(1)]);
        Ip($"netns exec {pair.Prefix}ns1 ip neigh replace {NamespacePair.Second} lladdr 02:00:00:00:00:02 dev {pair.Prefix}a1");
        var socket = pair.SocketIn(1, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        return n =>
        {
            for (var i = 0; i < n; i++)
            {
                socket.SendTo(new byte[32], new IPEndPoint(NamespacePair.Second, 9999));
            }
        };
    }

    private static ulong WaitForCount(Func<string[], ToolResult> cli, string counts, ulong atLeast)
    {
        var watch = Stopwatch.StartNew();
        ulong count;
        do
        {
            var dump = JsonDocument.Parse(cli(["map", "dump", "pinned", counts, "-j"]).Output).RootElement;
            var udp = dump.EnumerateArray().Single(e => e.GetProperty("key")[0].GetString() == "0x11").GetProperty("value");
            count = BitConverter.ToUInt64([.. udp.EnumerateArray().Select(b => Convert.ToByte(b.GetString(), 16))]);
        }
        while (count < atLeast && watch.Elapsed < TimeSpan.FromSeconds(20) && Sleep());
        return count;
    }

    private static bool Sleep()
    {
        Thread.Sleep(100);
        return true;
    }

    private static void Ip(string arguments) => Testing.ExternalTool.Run("ip", arguments.Split(' '));
}
