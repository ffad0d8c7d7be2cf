using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Xdp;
using Ebpf.Hooks.Xdp.Capture;
using Ebpf.Runtime.Execution;

namespace Ebpf.Hooks.Tests.Xdp.Capture;

public sealed class XdpCaptureRunTests
{
    [Theory]
    [MemberData(nameof(TestObjects.AllEngines), MemberType = typeof(TestObjects))]
    public void Each_verdicts_packets_go_to_its_own_capture_in_order_as_the_program_left_them(EngineKind engine)
    {
        var generator = new PacketGenerator(seed: 2026);
        var packets = Enumerable.Range(0, 200).Select(_ => generator.Next()).ToList();
        using var files = new TempFiles();
        CaptureFiles.WritePcap(files.Input, packets);
        using var loaded = TestObjects.Load(TestObjects.Rewrite, engine);
        using var runner = new XdpRunner(loaded.Programs[0]);
        var options = new XdpCaptureOptions(files.Input)
        {
            Pass = files.Output(XdpAction.Pass),
            Drop = files.Output(XdpAction.Drop),
            Tx = files.Output(XdpAction.Tx),
            Redirect = files.Output(XdpAction.Redirect),
            Aborted = files.Output(XdpAction.Aborted),
        };

        var summary = XdpCaptureRun.Run(runner, options);

        // The expectation: the same program run packet by packet on a second runner, independently of the capture loop.
        using var reference = new XdpRunner(loaded.Programs[0]);
        var expected = Enum.GetValues<XdpAction>().ToDictionary(a => a, _ => new List<byte[]>());
        foreach (var packet in packets.Where(p => XdpRunner.Fits(p.Length)))
        {
            expected[reference.Run(packet)].Add(reference.Packet.ToArray());
        }

        Assert.Equal(packets.Count(p => !XdpRunner.Fits(p.Length)), summary.Counters.Skipped);
        foreach (var action in Enum.GetValues<XdpAction>())
        {
            var written = Read(options.OutputFor(action)!);
            Assert.Equal(expected[action], written);
            Assert.Equal(expected[action].Count, summary.Counters.PacketsOf(action));
            Assert.Equal(expected[action].Sum(p => (long)p.Length), summary.Counters.BytesOf(action));
        }

        Assert.All(Enum.GetValues<XdpAction>(), a => Assert.NotEmpty(expected[a]));
    }

    [Fact]
    public void A_capture_of_another_link_type_is_refused()
    {
        using var files = new TempFiles();
        CaptureFiles.WritePcap(files.Input, [new byte[40]], linkType: 113);
        using var loaded = TestObjects.Load(TestObjects.CountDrop, EngineKind.Interpreter);
        using var runner = new XdpRunner(loaded.Programs[0]);
        var refused = Assert.Throws<DiagnosticException>(() => XdpCaptureRun.Run(runner, new XdpCaptureOptions(files.Input)));
        Assert.Equal(DiagnosticCode.UnsupportedLinkType, Assert.Single(refused.Diagnostics).Code);
    }

    private static List<byte[]> Read(string path)
    {
        var packets = new List<byte[]>();
        using var reader = CaptureReader.Open(path);
        while (reader.Next(out var packet, out _, out _))
        {
            packets.Add(packet.ToArray());
        }

        return packets;
    }

    private sealed class TempFiles : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("ebpf-hooks-").FullName;

        public string Input => Path.Combine(_folder, "in.pcap");

        public string Output(XdpAction action) => Path.Combine(_folder, $"{action}.pcap");

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
