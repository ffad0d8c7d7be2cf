namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>Where test inputs live: the repository's <c>testdata/</c> and the workspace's <c>shared/</c> beside the repository.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root: the nearest folder above the test binaries that holds <c>Ebpf.slnx</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The objects and sources of the ISA tests.</summary>
    public static string IsaTestData => Path.Combine(RepositoryRoot, "testdata", "isa");

    /// <summary>The benchmark objects in <c>../shared/bench</c>, or null when the shared folder is not there.</summary>
    public static string? SharedBench
    {
        get
        {
            var bench = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "bench"));
            return Directory.Exists(bench) ? bench : null;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ebpf.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Ebpf.slnx.");
    }
}
