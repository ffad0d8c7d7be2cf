using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Testing;

namespace Ebpf.Hooks.Tests.Xdp;

/// <summary>The XDP test programs (testdata/xdp, ../shared/bench) loaded on a chosen engine.</summary>
internal static class TestObjects
{
    public static string Rewrite => Path.Combine(RepositoryPaths.TestData, "xdp", "xdp_rewrite.o");

    public static string DropUdp => Path.Combine(RepositoryPaths.TestData, "xdp", "xdp_drop_udp.o");

    public static string CountDrop => Path.Combine(RepositoryPaths.Shared, "bench", "xdp_count_drop.o");

    public static TheoryData<EngineKind> AllEngines() => [.. Engines.Available];

    public static LoadedObject Load(string path, EngineKind engine) =>
        LoadedObject.Load(ObjectReader.ReadFile(path), new LoadOptions(engine));

    public static string TempPath(string extension) => Path.Combine(Path.GetTempPath(), $"ebpf-hooks-{Guid.NewGuid():N}{extension}");
}
