using Ebpf.Elf;
using Ebpf.Testing;

namespace Ebpf.Verifier.Tests.Corpus;

/// <summary>The objects the kernel accepts: the repository's C corpus, the benchmarks and the embedding sample.</summary>
internal static class CorpusObjects
{
    /// <summary>The embedding sample's plug-in that is unsafe on purpose (it shows a refusal), so not of this corpus.</summary>
    public const string UnsafePlugin = "unsafe_plugin.o";

    /// <summary>Every corpus object, as a path relative to the repository root's parent.</summary>
    public static IEnumerable<string> Files =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.TestData, "bpf"), "*.o")
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Shared, "bench"), "*.o"))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples", "Embedding"), "*.o"))
            .Where(f => Path.GetFileName(f) != UnsafePlugin)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal);

    /// <summary>Each program of each object: (object path, program name).</summary>
    public static TheoryData<string, string> Programs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var file in Files)
            {
                foreach (var program in ObjectReader.ReadFile(file).Programs)
                {
                    data.Add(Shorten(file), program.Name);
                }
            }

            return data;
        }
    }

    /// <summary>The path relative to the folder above the repository (<c>main/testdata/bpf/x.o</c>, <c>shared/bench/y.o</c>).</summary>
    public static string Shorten(string path) => Path.GetRelativePath(Path.GetDirectoryName(RepositoryPaths.Root)!, path);

    /// <summary>The full path of a shortened one.</summary>
    public static string Expand(string shortened) => Path.Combine(Path.GetDirectoryName(RepositoryPaths.Root)!, shortened);
}
