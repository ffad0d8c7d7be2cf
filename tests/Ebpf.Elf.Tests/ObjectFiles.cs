using Ebpf.Testing;

namespace Ebpf.Elf.Tests;

/// <summary>The clang objects the tests read: the benchmarks in ../shared/bench and everything under testdata/.</summary>
internal static class ObjectFiles
{
    public static IEnumerable<string> Bench => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Shared, "bench"), "*.o").Order(StringComparer.Ordinal);

    public static IEnumerable<string> TestData => Directory.EnumerateFiles(RepositoryPaths.TestData, "*.o", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static IEnumerable<string> All => Bench.Concat(TestData);

    public static TheoryData<string> AllNames() => [.. All.Select(p => Path.GetRelativePath(RepositoryPaths.Root, p))];

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, relative));
}
