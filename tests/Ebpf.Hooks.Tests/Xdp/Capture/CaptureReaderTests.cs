using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Xdp.Capture;

namespace Ebpf.Hooks.Tests.Xdp.Capture;

public sealed class CaptureReaderTests
{
    [Fact]
    public void Packets_written_read_back_with_their_bytes_lengths_and_timestamps()
    {
        var path = TestObjects.TempPath(".pcap");
        var generator = new PacketGenerator(seed: 11);
        var packets = Enumerable.Range(0, 50).Select(_ => generator.Next()).ToList();
        try
        {
            using (var writer = CaptureWriter.Create(path))
            {
                for (var i = 0; i < packets.Count; i++)
                {
                    writer.Write(packets[i], packets[i].Length + (i % 3), new PacketTimestamp(1_700_000_000 + i, i * 7));
                }
            }

            using var reader = CaptureReader.Open(path);
            Assert.Equal(1, reader.LinkType);
            for (var i = 0; i < packets.Count; i++)
            {
                Assert.True(reader.Next(out var packet, out var length, out var timestamp));
                Assert.Equal(packets[i], packet.ToArray());
                Assert.Equal(packets[i].Length + (i % 3), length);
                Assert.Equal(new PacketTimestamp(1_700_000_000 + i, i * 7), timestamp);
            }

            Assert.False(reader.Next(out _, out _, out _));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_pcapng_file_made_from_its_specification_is_read()
    {
        var path = TestObjects.TempPath(".pcapng");
        var generator = new PacketGenerator(seed: 5);
        var packets = Enumerable.Range(0, 20).Select(i => (generator.Next(), 1_700_000_000_000_000L + (i * 1_000_001L))).ToList();
        try
        {
            CaptureFiles.WritePcapng(path, packets);
            using var reader = CaptureReader.Open(path);
            Assert.Equal(1, reader.LinkType);
            foreach (var (expected, microseconds) in packets)
            {
                Assert.True(reader.Next(out var packet, out var length, out var timestamp));
                Assert.Equal(expected, packet.ToArray());
                Assert.Equal(expected.Length, length);
                Assert.Equal(new PacketTimestamp(microseconds / 1_000_000, microseconds % 1_000_000), timestamp);
            }

            Assert.False(reader.Next(out _, out _, out _));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic()
    {
        var refused = Assert.Throws<DiagnosticException>(() => CaptureReader.Open("/nonexistent/capture.pcap"));
        Assert.Equal(DiagnosticCode.CaptureNotFound, Assert.Single(refused.Diagnostics).Code);
    }

    [Fact]
    public void A_file_that_is_no_capture_is_a_diagnostic_with_libpcaps_reason()
    {
        var path = TestObjects.TempPath(".pcap");
        File.WriteAllText(path, "this is not a capture, just some text that is long enough to read a header from");
        try
        {
            var refused = Assert.Throws<DiagnosticException>(() => CaptureReader.Open(path));
            var diagnostic = Assert.Single(refused.Diagnostics);
            Assert.Equal(DiagnosticCode.NotACapture, diagnostic.Code);
            Assert.Contains("not a pcap or pcapng capture", diagnostic.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_output_in_a_missing_folder_is_a_diagnostic()
    {
        var refused = Assert.Throws<DiagnosticException>(() => CaptureWriter.Create("/nonexistent/folder/out.pcap"));
        Assert.Equal(DiagnosticCode.CaptureWriteFailed, Assert.Single(refused.Diagnostics).Code);
    }
}
