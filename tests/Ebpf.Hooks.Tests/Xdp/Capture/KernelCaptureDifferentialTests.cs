using Ebpf.Hooks.Xdp;
using Ebpf.Hooks.Xdp.Capture;
using Ebpf.Runtime.Execution;
using Ebpf.Testing;

namespace Ebpf.Hooks.Tests.Xdp.Capture;

/// <summary>
/// The capture mode against the kernel: a seeded capture of varied packets through xdp_rewrite (every verdict,
/// head and tail adjustments, a redirect, an unknown return value); each packet's verdict and output packet
/// equal what <c>bpftool prog run</c> gives for the same packet.
/// </summary>
public sealed class KernelCaptureDifferentialTests
{
    private const int Seed = 7;

    [KernelCaptureTheory]
    [MemberData(nameof(TestObjects.AllEngines), MemberType = typeof(TestObjects))]
    public void Verdicts_and_output_packets_equal_the_kernels_test_runs(EngineKind engine)
    {
        var generator = new PacketGenerator(Seed);
        var packets = Enumerable.Range(0, 40).Select(_ => generator.Next()).Where(p => XdpRunner.Fits(p.Length)).ToList();
        var folder = Directory.CreateTempSubdirectory("ebpf-hooks-kernel-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.pcap");
            CaptureFiles.WritePcap(input, packets);
            using var loaded = TestObjects.Load(TestObjects.Rewrite, engine);
            using var runner = new XdpRunner(loaded.Programs[0]);
            var options = new XdpCaptureOptions(input)
            {
                Pass = Path.Combine(folder, "pass.pcap"),
                Drop = Path.Combine(folder, "drop.pcap"),
                Tx = Path.Combine(folder, "tx.pcap"),
                Redirect = Path.Combine(folder, "redirect.pcap"),
                Aborted = Path.Combine(folder, "aborted.pcap"),
            };
            XdpCaptureRun.Run(runner, options);
            var ours = Enum.GetValues<XdpAction>().SelectMany(a => Read(options.OutputFor(a)!, a)).ToDictionary(p => p.Index);

            for (var i = 0; i < packets.Count; i++)
            {
                var packetPath = Path.Combine(folder, $"packet{i}.bin");
                File.WriteAllBytes(packetPath, packets[i]);
                var kernel = KernelOracle.Run(TestObjects.Rewrite, packetPath);
                var verdict = kernel.Result <= (ulong)XdpAction.Redirect ? (XdpAction)kernel.Result : XdpAction.Aborted;
                Assert.True(ours.TryGetValue(i, out var mine), $"packet {i} (seed {Seed}) is in no output capture");
                Assert.True(verdict == mine.Action, $"packet {i} (seed {Seed}): kernel {kernel.Result}, ours {mine.Action}");
                Assert.True(kernel.DataOut.AsSpan().SequenceEqual(mine.Packet), $"packet {i} (seed {Seed}, {verdict}): the output packets differ");
            }

            Assert.Equal(packets.Count, ours.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Packets of one output capture, numbered by their timestamp (the hand-made input numbers them by second).</summary>
    private static IEnumerable<(int Index, XdpAction Action, byte[] Packet)> Read(string path, XdpAction action)
    {
        var packets = new List<(int, XdpAction, byte[])>();
        using var reader = CaptureReader.Open(path);
        while (reader.Next(out var packet, out _, out var timestamp))
        {
            packets.Add(((int)timestamp.Seconds, action, packet.ToArray()));
        }

        return packets;
    }
}

/// <summary>A theory skipped, with the reason, where the kernel cannot be the oracle.</summary>
internal sealed class KernelCaptureTheoryAttribute : TheoryAttribute
{
    public KernelCaptureTheoryAttribute() => Skip = KernelOracle.Unavailable;
}
