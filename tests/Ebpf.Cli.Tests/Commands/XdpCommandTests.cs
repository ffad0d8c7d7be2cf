using System.Text.Json;
using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Commands;

public sealed class XdpCommandTests
{
    private static string CountDrop => Path.Combine(RepositoryPaths.Shared, "bench", "xdp_count_drop.o");

    [Fact]
    public void Xdp_run_counts_each_verdict_and_writes_its_packets_to_the_file_named()
    {
        var tcp = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_tcp_64.bin"));
        var udp = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_udp_512.bin"));
        var folder = Directory.CreateTempSubdirectory("ebpf-cli-xdp-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.pcap");
            WritePcap(input, [tcp, udp, udp, tcp, udp]);
            var drop = Path.Combine(folder, "drop.pcap");
            var (exit, output, error) = CliRunner.Run("xdp", "run", CountDrop, "--pcap", input, "--drop", drop, "--json");

            Assert.True(exit == 0, error);
            using var json = JsonDocument.Parse(output);
            var verdicts = json.RootElement.GetProperty("verdicts");
            Assert.Equal(3, verdicts.GetProperty("drop").GetProperty("packets").GetInt64());
            Assert.Equal(3 * udp.Length, verdicts.GetProperty("drop").GetProperty("bytes").GetInt64());
            Assert.Equal(2, verdicts.GetProperty("pass").GetProperty("packets").GetInt64());
            // Three records of 16 + 512 bytes after the 24-byte pcap header.
            Assert.Equal(24 + (3 * (16 + udp.Length)), new FileInfo(drop).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Xdp_run_with_dump_maps_shows_what_the_program_counted()
    {
        var tcp = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_tcp_64.bin"));
        var udp = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_udp_512.bin"));
        var input = CliRunner.TempFile(".pcap", []);
        try
        {
            WritePcap(input, [tcp, udp, udp]);
            var (exit, output, error) = CliRunner.Run("xdp", "run", CountDrop, "--pcap", input, "--dump-maps", "--json");
            Assert.True(exit == 0, error);
            using var json = JsonDocument.Parse(output);
            var map = Assert.Single(json.RootElement.GetProperty("maps").EnumerateArray());
            Assert.Equal("proto_count", map.GetProperty("name").GetString());
            string Count(int protocol) => string.Join(' ', map.GetProperty("entries")[protocol].GetProperty("value").EnumerateArray().Select(b => b.GetString()));
            Assert.Equal("02 00 00 00 00 00 00 00", Count(17));
            Assert.Equal("01 00 00 00 00 00 00 00", Count(6));

            var (_, text, _) = CliRunner.Run("xdp", "run", CountDrop, "--pcap", input, "--dump-maps");
            Assert.Contains("key: 11 00 00 00  value: 02 00 00 00 00 00 00 00", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public void Xdp_run_prints_a_table_of_verdicts()
    {
        var input = CliRunner.TempFile(".pcap", [.. PcapHeader()]);
        var (exit, output, _) = CliRunner.Run("xdp", "run", CountDrop, "--pcap", input);
        File.Delete(input);
        Assert.Equal(0, exit);
        Assert.Contains("XDP_REDIRECT", output, StringComparison.Ordinal);
        Assert.Contains("0 packets in", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "EBPF6002")]
    [InlineData("text", "EBPF6003")]
    public void Xdp_run_refuses_bad_captures_with_their_codes(string kind, string code)
    {
        var input = kind == "missing" ? "/nonexistent/in.pcap" : CliRunner.TempFile(".pcap", "not a capture at all, only text long enough");
        var (exit, _, error) = CliRunner.Run("xdp", "run", CountDrop, "--pcap", input);
        if (kind != "missing")
        {
            File.Delete(input);
        }

        Assert.Equal(2, exit);
        Assert.Contains(code, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Xdp_run_refuses_an_object_without_an_xdp_program()
    {
        var (exit, _, error) = CliRunner.Run("xdp", "run", Path.Combine(RepositoryPaths.TestData, "bpf", "cgroup_sock_addr.o"), "--pcap", "/tmp/x.pcap");
        Assert.Equal(2, exit);
        Assert.Contains("EBPF6006", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Xdp_attach_refuses_an_interface_that_does_not_exist()
    {
        var (exit, _, error) = CliRunner.Run("xdp", "attach", CountDrop, "--interface", "no-such-if0", "--duration", "0.1");
        Assert.Equal(2, exit);
        Assert.Contains("EBPF6007", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Xdp_run_reads_an_ebpf_for_windows_program_and_its_verdicts_from_1()
    {
        var tcp = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_tcp_64.bin"));
        var udp = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_udp_512.bin"));
        var input = CliRunner.TempFile(".pcap", []);
        try
        {
            WritePcap(input, [tcp, udp, udp]);
            var program = Path.Combine(RepositoryPaths.TestData, "windows", "win_xdp.o");
            var (exit, output, error) = CliRunner.Run("xdp", "run", program, "--pcap", input, "--platform", "windows", "--json");

            Assert.True(exit == 0, error);
            using var json = JsonDocument.Parse(output);
            var verdicts = json.RootElement.GetProperty("verdicts");
            Assert.Equal(2, verdicts.GetProperty("drop").GetProperty("packets").GetInt64()); // Windows' XDP_DROP is 2
            Assert.Equal(1, verdicts.GetProperty("pass").GetProperty("packets").GetInt64()); // and XDP_PASS 1
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static void WritePcap(string path, IEnumerable<byte[]> packets)
    {
        using var stream = File.Create(path);
        stream.Write(PcapHeader());
        foreach (var packet in packets)
        {
            stream.Write(new byte[8]);
            stream.Write(BitConverter.GetBytes(packet.Length));
            stream.Write(BitConverter.GetBytes(packet.Length));
            stream.Write(packet);
        }
    }

    /// <summary>pcap-savefile(5): magic, version 2.4, zone, sigfigs, snaplen, link type 1 (Ethernet).</summary>
    private static byte[] PcapHeader() =>
        [.. BitConverter.GetBytes(0xa1b2c3d4), .. BitConverter.GetBytes((ushort)2), .. BitConverter.GetBytes((ushort)4), .. new byte[8], .. BitConverter.GetBytes(65535), .. BitConverter.GetBytes(1)];
}
