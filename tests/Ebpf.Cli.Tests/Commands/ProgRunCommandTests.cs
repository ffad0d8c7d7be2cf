using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Commands;

/// <summary><c>ebpf prog run</c> on the program types with test runs, printing bpftool's lines.</summary>
public sealed class ProgRunCommandTests
{
    private static string Corpus(string name) => Path.Combine(RepositoryPaths.TestData, "bpf", name);

    private static string Packet(string name) => Path.Combine(RepositoryPaths.Shared, "bench", name);

    [Fact]
    public void A_socket_filter_keeps_the_bytes_after_the_ethernet_header_and_counts_its_ethertype()
    {
        var (exitCode, output, error) = CliRunner.Run("prog", "run", Corpus("socket_filter.o"), "data_in", Packet("pkt_tcp_64.bin"), "--dump-maps");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Return value: 50, duration", output, StringComparison.Ordinal);
        Assert.Contains("key: 00 08 00 00", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tc_classifier_runs_on_the_whole_frame_and_writes_data_out()
    {
        var dataOut = Path.GetTempFileName();
        var (exitCode, output, error) = CliRunner.Run("prog", "run", Corpus("tc_classifier.o"), "program", "tc_flow_track", "data_in", Packet("pkt_udp_512.bin"), "data_out", dataOut);
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Return value: 0, duration", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Packet("pkt_udp_512.bin")), File.ReadAllBytes(dataOut));
    }

    [Fact]
    public void A_raw_tracepoint_takes_its_arguments_as_ctx_in()
    {
        byte[] arguments = [.. new byte[8], .. BitConverter.GetBytes(59UL)];
        var (exitCode, output, error) = CliRunner.Run("prog", "run", Corpus("tracing.o"), "program", "raw_sys_enter", "ctx_in", CliRunner.TempFile(".bin", arguments), "--dump-maps");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Return value: 0, duration", output, StringComparison.Ordinal);
        Assert.Contains("key: 3b 00 00 00 00 00 00 00  value: 01 00 00 00 00 00 00 00", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_socket_filter_context_with_a_field_the_kernel_refuses_is_bad_input()
    {
        var context = new byte[192];
        context[0] = 1; // len
        var (exitCode, _, error) = CliRunner.Run("prog", "run", Corpus("socket_filter.o"), "data_in", Packet("pkt_tcp_64.bin"), "ctx_in", CliRunner.TempFile(".bin", context));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("EBPF3101", error, StringComparison.Ordinal);
    }
}
