using Ebpf.Elf.Btf;
using Ebpf.Testing;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>The clang objects the BTF tests read: the shared benchmarks and testdata/btf.</summary>
internal static class BtfObjects
{
    public static string TestDataFolder => Path.Combine(RepositoryPaths.TestData, "btf");

    public static string BenchFolder => Path.Combine(RepositoryPaths.Shared, "bench");

    /// <summary>Every object, as a path relative to its folder's parent (<c>btf/types.o</c>, <c>bench/xdp_pass.o</c>).</summary>
    public static IEnumerable<string> All =>
        new[] { TestDataFolder, BenchFolder }
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.o"))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var path in All)
            {
                data.Add(Name(path));
            }

            return data;
        }
    }

    public static string Name(string path) => $"{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)}";

    public static string PathOf(string name)
    {
        var folder = name.StartsWith("bench/", StringComparison.Ordinal) ? BenchFolder : TestDataFolder;
        return Path.Combine(folder, Path.GetFileName(name));
    }

    public static TestElf Elf(string name) => TestElf.Load(PathOf(name));

    public static BtfSpec Btf(string name) => BtfSpec.Parse(Elf(name).SectionData(BtfSpec.SectionName)!);

    public static (BtfSpec Btf, BtfExt Ext) BtfAndExt(string name)
    {
        var elf = Elf(name);
        var btf = BtfSpec.Parse(elf.SectionData(BtfSpec.SectionName)!);
        return (btf, BtfExt.Parse(elf.SectionData(BtfExt.SectionName)!, btf));
    }
}
