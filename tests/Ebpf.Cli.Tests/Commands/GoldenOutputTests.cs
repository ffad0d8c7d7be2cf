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

        // The service verbs' help: their grammar in the usage line (their output is compared by Ebpf.Service.Tests' ServiceGoldenTests).
        { "service/help-prog-load.txt", ["prog", "load", "--help"] },
        { "service/help-prog-loadall.txt", ["prog", "loadall", "--help"] },
        { "service/help-prog-show.txt", ["prog", "show", "--help"] },
        { "service/help-prog-pin.txt", ["prog", "pin", "--help"] },
        { "service/help-prog-unload.txt", ["prog", "unload", "--help"] },
        { "service/help-map-show.txt", ["map", "show", "--help"] },
        { "service/help-map-dump.txt", ["map", "dump", "--help"] },
        { "service/help-map-lookup.txt", ["map", "lookup", "--help"] },
        { "service/help-map-update.txt", ["map", "update", "--help"] },
        { "service/help-map-delete.txt", ["map", "delete", "--help"] },
        { "service/help-map-getnext.txt", ["map", "getnext", "--help"] },
        { "service/help-map-pin.txt", ["map", "pin", "--help"] },
        { "service/help-map-create.txt", ["map", "create", "--help"] },
        { "service/help-link-show.txt", ["link", "show", "--help"] },
        { "service/help-link-detach.txt", ["link", "detach", "--help"] },
        { "service/help-net-attach-xdp.txt", ["net", "attach", "xdp", "--help"] },
        { "service/help-show-programs.txt", ["show", "programs", "--help"] },
        { "service/help-show-maps.txt", ["show", "maps", "--help"] },
        { "service/help-add-program.txt", ["add", "program", "--help"] },
        { "service/help-delete-program.txt", ["delete", "program", "--help"] },
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
