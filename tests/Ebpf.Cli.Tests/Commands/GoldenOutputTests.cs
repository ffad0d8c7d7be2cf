using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Commands;

/// <summary>
/// Command output compared with files in Golden/. After an intended change, regenerate them with
/// <c>EBPF_UPDATE_GOLDEN=1 dotnet test</c> and review the diff.
/// </summary>
public sealed class GoldenOutputTests
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        { "object-show-globals.txt", ["object", "show", "testdata/bpf/globals.o"] },
        { "object-show-map-in-map.json", ["object", "show", "testdata/bpf/map_in_map.o", "--json"] },
        { "object-show-legacy.txt", ["object", "show", "testdata/bpf/legacy_maps.o"] },
        { "xlated-count-drop-linum.txt", ["prog", "dump", "xlated", "../shared/bench/xdp_count_drop.o", "--linum"] },
        { "xlated-subprogs.txt", ["prog", "dump", "xlated", "testdata/bpf/subprogs.o", "program", "xdp_sub_proto"] },
        { "xlated-bpf-loop.txt", ["prog", "dump", "xlated", "testdata/bpf/bpf_loop.o", "program", "tc_loop_scan"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_its_golden_file(string golden, string[] args)
    {
        var arguments = args.Select(a => a.EndsWith(".o", StringComparison.Ordinal) ? Path.GetFullPath(Path.Combine(RepositoryPaths.Root, a)) : a).ToArray();
        var (exitCode, output, error) = CliRunner.Run(arguments);
        Assert.True(exitCode == 0, error);
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Ebpf.Cli.Tests", "Golden", golden);
        if (Environment.GetEnvironmentVariable("EBPF_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, output);
        }

        Assert.True(File.Exists(path), $"{golden} is missing; run with EBPF_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), output);
    }
}
