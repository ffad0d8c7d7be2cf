using System.Collections.Immutable;
using Ebpf.Core.Conformance;
using Ebpf.Testing;

namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>The bpf_conformance data files in <c>../shared/conformance</c>, read with the product's own parser.</summary>
internal static class ConformanceData
{
    /// <summary>The suite's <c>tests/</c> files.</summary>
    public static string Folder => RepositoryPaths.Conformance;

    /// <summary>The suite's <c>negative/</c> files.</summary>
    public static string NegativeFolder => Path.Combine(Folder, "negative");

    /// <summary>The names of the <c>.data</c> files in a folder, sorted.</summary>
    public static ImmutableArray<string> FileNames(string folder) =>
        [.. Directory.GetFiles(folder, "*.data").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    /// <summary>One test file.</summary>
    public static ConformanceTest Load(string folder, string file) =>
        ConformanceTestParser.Parse(file, File.ReadAllText(Path.Combine(folder, file)));
}
