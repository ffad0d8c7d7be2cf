using Ebpf.Core.Conformance;
using System.Collections.Immutable;

namespace Ebpf.Runtime.Conformance;

/// <summary>A folder of conformance tests: every <c>*.data</c> file directly inside it, in name order.</summary>
public static class ConformanceSuite
{
    /// <summary>The test files of <paramref name="directory"/>.</summary>
    public static ImmutableArray<string> Files(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.data", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)];

    /// <summary>Parses and runs every test of <paramref name="directory"/>.</summary>
    public static ImmutableArray<ConformanceOutcome> Run(string directory, ConformanceRunner runner, bool expectFailure = false)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return [.. Files(directory).Select(path =>
            runner.Run(ConformanceTestParser.Parse(Path.GetFileName(path), File.ReadAllText(path)), expectFailure))];
    }
}
