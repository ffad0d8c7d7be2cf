using System.Text.RegularExpressions;
using Ebpf.Hooks.Tests.Xdp.Live;
using Ebpf.Service.Tests.Processes;
using Ebpf.Testing;
using Xunit.Abstractions;
using static Ebpf.Service.Tests.Persistence.RestartTests;

namespace Ebpf.Service.Tests.Cli;

/// <summary>
/// Each service verb's plain and <c>-j</c> output, against a fresh <c>ebpfd</c> (so ids start at 1), compared with
/// tests/Ebpf.Cli.Tests/Golden/service/. Pin folders, interface names, timings and traffic counters are normalised.
/// After an intended change: <c>EBPF_UPDATE_GOLDEN=1 dotnet test --filter ServiceGolden</c>, then review the diff.
/// </summary>
public sealed partial class ServiceGoldenTests(ITestOutputHelper log)
{
    private static string GoldenFolder => Path.Combine(RepositoryPaths.Root, "tests", "Ebpf.Cli.Tests", "Golden", "service");

    [Fact]
    public void Every_service_verb_prints_what_its_golden_files_hold()
    {
        var folder = TestService.NewFolder();
        var pins = Path.GetDirectoryName(Objects.PinPath("x"))!;
        var packet = Path.Combine(folder, "udp.bin");
        File.WriteAllBytes(packet, Objects.Ipv4Frame(17));
        using var pair = NamespacePair.Unavailable is null ? new NamespacePair() : null;
        var compared = new List<string>();
        var mismatches = new List<string>();
        using (var daemon = EbpfdProcess.Start(folder))
        {
            void Case(string name, params string[] args)
            {
                var output = Normalise(Ok(Binaries.Cli(daemon.SocketPath, args)).Output, pins, folder, pair?.Prefix);
                var path = Path.Combine(GoldenFolder, name);
                if (Environment.GetEnvironmentVariable("EBPF_UPDATE_GOLDEN") == "1")
                {
                    Directory.CreateDirectory(GoldenFolder);
                    File.WriteAllText(path, output);
                }

                compared.Add(name);
                if (!File.Exists(path) || File.ReadAllText(path).ReplaceLineEndings("\n") != output)
                {
                    mismatches.Add($"{name} (ebpf {string.Join(' ', args)}):\n{output}");
                }
            }

            void Both(string name, params string[] args)
            {
                Case(name + ".txt", args);
                Case(name + ".json", [.. args, "-j"]);
            }

            Case("prog-load.txt", "prog", "load", Objects.CountDrop, pins + "/cd", "pinmaps", pins + "/maps");
            Case("prog-loadall.json", "prog", "loadall", Objects.CountDrop, pins + "/all", "-j");
            Both("prog-show", "prog", "show");
            Both("prog-show-pinned", "prog", "show", "pinned", pins + "/cd");
            Both("prog-dump-xlated", "prog", "dump", "xlated", "pinned", pins + "/cd");
            Both("prog-run", "prog", "run", "pinned", pins + "/cd", "data_in", packet, "repeat", "2");
            Both("map-show", "map", "show");
            // An array, so that the dump's order is the keys' (a hash map's is its seeded hash's).
            Case("map-create.json", "map", "create", pins + "/flows", "type", "array", "key", "4", "value", "8", "entries", "4", "name", "flows", "-j");
            Case("map-update.txt", "map", "update", "pinned", pins + "/flows", "key", "1", "0", "0", "0", "value", "hex", "e803000000000000");
            Case("map-update-exist.txt", "map", "update", "pinned", pins + "/flows", "key", "3", "0", "0", "0", "value", "0x2a", "0", "0", "0", "0", "0", "0", "0", "exist");
            Both("map-lookup", "map", "lookup", "pinned", pins + "/flows", "key", "1", "0", "0", "0");
            Both("map-dump", "map", "dump", "pinned", pins + "/flows");
            Both("map-getnext", "map", "getnext", "pinned", pins + "/flows", "key", "1", "0", "0", "0");
            Case("map-create-hash.txt", "map", "create", pins + "/seen", "type", "hash", "key", "4", "value", "8", "entries", "4", "name", "seen");
            Case("map-update-noexist.txt", "map", "update", "pinned", pins + "/seen", "key", "6", "0", "0", "0", "value", "hex", "2a00000000000000", "noexist");
            Case("map-delete.txt", "map", "delete", "pinned", pins + "/seen", "key", "6", "0", "0", "0");
            Case("map-pin.txt", "map", "pin", "pinned", pins + "/flows", pins + "/flows2");
            Case("prog-pin.txt", "prog", "pin", "pinned", pins + "/cd", pins + "/cd2");
            Case("show-programs.txt", "show", "programs");
            Case("show-maps.txt", "show", "maps");
            if (pair is not null)
            {
                Case("net-attach-xdp.txt", "net", "attach", "xdp", "pinned", pins + "/cd", "dev", pair.Outside(1));
                Case("net-attach-xdp.json", "net", "attach", "xdp", "pinned", pins + "/all/count_and_drop_udp", "dev", pair.Outside(2), "-j");
                Both("link-show", "link", "show");
                Case("link-detach.txt", "link", "detach", "id", "1");
            }
            else
            {
                log.WriteLine($"no namespaces ({NamespacePair.Unavailable}): the link verbs' golden files are not compared");
            }

            Case("delete-program.txt", "delete", "program", "pinned", pins + "/all/count_and_drop_udp");
            Case("prog-unload.txt", "prog", "unload", "pinned", pins + "/cd");
            Both("prog-show-after-unload", "prog", "show");
        }

        TestService.DeleteFolder(folder);
        Assert.True(mismatches.Count == 0, "output differs from its golden file (EBPF_UPDATE_GOLDEN=1 to regenerate, then review):\n" + string.Join("\n", mismatches));
        if (pair is not null)
        {
            // help-*.txt belong to Ebpf.Cli.Tests' GoldenOutputTests, which need no service.
            var unused = Directory.EnumerateFiles(GoldenFolder).Select(Path.GetFileName).Where(f => !f!.StartsWith("help-", StringComparison.Ordinal)).Except(compared).ToList();
            Assert.True(unused.Count == 0, "golden files no case compares: " + string.Join(", ", unused));
        }
    }

    /// <summary>Replaces what differs between runs: the test's pin and state folders, the namespace pair's prefix, timings and traffic counters.</summary>
    private static string Normalise(string output, string pins, string folder, string? prefix)
    {
        var text = output.ReplaceLineEndings("\n").Replace(pins, "/sys/fs/bpf/TEST", StringComparison.Ordinal).Replace(folder, "/tmp/TEST", StringComparison.Ordinal);
        if (prefix is not null)
        {
            text = text.Replace(prefix, "veth", StringComparison.Ordinal);
        }

        text = Duration().Replace(text, "${name}N");
        return Counters().Replace(text, "${name}N");
    }

    [GeneratedRegex(@"(?<name>duration(?: \(average\))?: |""duration"": )\d+")]
    private static partial Regex Duration();

    [GeneratedRegex(@"(?<name>\b(?:passed|dropped|transmitted|aborted)(?: |"": ))\d+")]
    private static partial Regex Counters();
}
