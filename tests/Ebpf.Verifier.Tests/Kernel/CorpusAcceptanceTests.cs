using Ebpf.Core.Abi;
using Ebpf.Testing;

namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// Programs the kernel accepts, which we must accept too: the testdata/bpf corpus, the benchmarks in
/// ../shared/bench and the harness's own, and the embedding sample. Programs of types our ABI table does not describe yet cannot be
/// verified and are listed, not counted as accepted.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class CorpusAcceptanceTests
{
    public static TheoryData<string> Objects() => [.. ObjectList()];

    private static List<string> ObjectList()
    {
        var folders = new[]
        {
            Path.Combine(RepositoryPaths.TestData, "bpf"),
            Path.Combine(RepositoryPaths.Shared, "bench"),
            Path.Combine(RepositoryPaths.Root, "samples", "Embedding"),
            Path.Combine(RepositoryPaths.Root, "benchmarks", "Ebpf.Benchmarks", "programs"),
        };
        return [.. folders.Where(Directory.Exists)
            .SelectMany(f => Directory.GetFiles(f, "*.o"))
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))];
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Every_program_the_kernel_accepts_is_accepted(string objectFile)
    {
        if (KernelRefuses.ContainsKey(Path.GetFileName(objectFile)))
        {
            return;
        }

        var spec = CCorpus.Read(Path.GetFullPath(Path.Combine(RepositoryPaths.Root, objectFile)));
        var verifiable = spec.Programs.Where(p => AbiTable.Linux.FindProgramType(p.Type) is not null).ToList();
        var rejected = verifiable
            .Select(p => ProgramVerifier.Verify(p, spec.Maps))
            .Where(r => !r.IsAccepted)
            .Select(r => $"{r.ProgramName}: {string.Join("; ", r.Diagnostics)}")
            .ToList();
        Assert.True(rejected.Count == 0, string.Join(Environment.NewLine, rejected));
    }

    /// <summary>Objects the kernel here cannot load for reasons outside its verifier (see testdata/bpf/README.md).</summary>
    private static readonly Dictionary<string, string> NotLoadableHere = new(StringComparer.Ordinal)
    {
        ["legacy_maps.o"] = "bpftool's libbpf 1.x refuses legacy map definitions before the kernel sees the programs",
        ["fentry.o"] = "this kernel refuses tracing programs with EPERM before verifying them",
    };

    /// <summary>Corpus objects that are deliberate negatives: the kernel refuses them, and so does our loader.</summary>
    private static readonly Dictionary<string, string> KernelRefuses = new(StringComparer.Ordinal)
    {
        ["tail_call_callback.o"] = "a tail call inside a bpf_loop callback, which Linux refuses and our loader refuses with EBPF3306",
        ["unsafe_plugin.o"] = "the embedding sample's plug-in that reads the packet without a bounds check, to show the refusal",
    };

    [KernelTheory]
    [MemberData(nameof(Objects))]
    public void The_kernel_accepts_every_object_of_the_acceptance_corpus(string objectFile)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, objectFile));
        var accepted = KernelVerdict.Accepts(path, withoutPerfmon: false, out var log);
        if (KernelRefuses.TryGetValue(Path.GetFileName(path), out var negative))
        {
            Assert.False(accepted, $"{objectFile} now loads in the kernel; it is in the corpus as {negative}");
            return;
        }

        if (NotLoadableHere.TryGetValue(Path.GetFileName(path), out var reason))
        {
            Assert.False(accepted, $"{objectFile} now loads here; it was listed as not loadable because {reason}");
            return;
        }

        Assert.True(accepted, $"the kernel rejected {objectFile}:{Environment.NewLine}{log}");
    }

    [Fact]
    public void The_acceptance_corpus_has_the_three_sources()
    {
        var objects = ObjectList();
        Assert.Contains(objects, o => o.StartsWith("testdata", StringComparison.Ordinal));
        Assert.Contains(objects, o => o.Contains("bench", StringComparison.Ordinal));
        Assert.Contains(objects, o => o.StartsWith("samples", StringComparison.Ordinal));
    }
}
