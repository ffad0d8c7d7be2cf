namespace Ebpf.Testing;

/// <summary>Where the repository and the shared folder beside it are, found from the test binaries.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ebpf.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Ebpf.slnx not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The folder that holds Ebpf.slnx.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The repository's testdata folder.</summary>
    public static string TestData => Path.Combine(Root, "testdata");

    /// <summary>The shared folder beside the repository (conformance suite, benchmarks).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The bpf_conformance suite.</summary>
    public static string Conformance => Path.Combine(Shared, "conformance");
}
