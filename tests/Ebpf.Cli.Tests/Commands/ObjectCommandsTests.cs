using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Commands;

public sealed class ObjectCommandsTests
{
    private static string Object(string name) => Path.Combine(RepositoryPaths.TestData, "bpf", name);

    [Fact]
    public void Object_show_lists_every_program_and_map()
    {
        var (exitCode, output, _) = CliRunner.Run("object", "show", Object("tail_calls.o"));
        Assert.Equal(0, exitCode);
        foreach (var name in new[] { "jmp_table", "handled", "prog_array", "license \"GPL\"" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_corrupt_object_is_bad_input_with_its_code()
    {
        var bytes = File.ReadAllBytes(Object("globals.o"));
        var path = CliRunner.TempFile(".o", bytes[..200]);
        var (exitCode, output, error) = CliRunner.Run("object", "show", path);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Matches("error EBPF40[0-9][0-9]", error);
    }

    [Fact]
    public void An_unknown_program_name_lists_the_ones_there_are()
    {
        var (exitCode, _, error) = CliRunner.Run("prog", "dump", "xlated", Object("subprogs.o"), "program", "nope");
        Assert.Equal(2, exitCode);
        Assert.Contains("EBPF9001", error, StringComparison.Ordinal);
        Assert.Contains("xdp_sub_hash", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_selector_is_a_usage_error()
    {
        var (exitCode, _, error) = CliRunner.Run("prog", "dump", "xlated", Object("subprogs.o"), "prog", "x");
        Assert.Equal(2, exitCode);
        Assert.Contains("program NAME", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlated_names_maps_and_shows_source_lines_by_default()
    {
        var (exitCode, output, _) = CliRunner.Run("prog", "dump", "xlated", Path.Combine(RepositoryPaths.Shared, "bench", "xdp_flow_table.o"));
        Assert.Equal(0, exitCode);
        Assert.Contains("= map[flows] ll", output, StringComparison.Ordinal);
        Assert.Contains("; struct flow_stats *st = bpf_map_lookup_elem(&flows, &key);", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" @ ", output, StringComparison.Ordinal);
    }
}
