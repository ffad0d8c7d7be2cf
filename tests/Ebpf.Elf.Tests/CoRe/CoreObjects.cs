using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Btf;
using Ebpf.Elf.CoRe;
using Ebpf.Testing;

namespace Ebpf.Elf.Tests.CoRe;

/// <summary>testdata/core: a CO-RE program, the targets it is relocated against, and the kconfig extern object.</summary>
internal static class CoreObjects
{
    public static string PathOf(string name) => Path.Combine(RepositoryPaths.TestData, "core", name);

    /// <summary>The <c>.BTF</c> of one of the target objects.</summary>
    public static BtfSpec Target(string name)
    {
        Assert.True(TargetBtfFile.TryLoad(PathOf(name), out var btf, out var problem), problem?.ToString());
        return btf;
    }

    /// <summary>core_local.o relocated against <paramref name="target"/>, hermetically.</summary>
    public static ObjectSpec Local(BtfSpec target) =>
        ObjectReader.ReadFile(PathOf("core_local.o"), ObjectReadOptions.Hermetic with { TargetBtf = target });

    /// <summary>The diagnostics of a read that must fail.</summary>
    public static IReadOnlyList<Diagnostic> Refusal(string name, ObjectReadOptions options)
    {
        Assert.False(ObjectReader.TryRead(File.ReadAllBytes(PathOf(name)), name, options, out _, out var diagnostics));
        return diagnostics;
    }
}
