using System.Text.RegularExpressions;
using Ebpf.Core.Specs;
using Ebpf.Core.Types;
using Ebpf.Elf;
using Ebpf.Testing;

namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// <c>testdata/verifier/c</c>: each <c>X.c</c> is built into <c>X.bug.o</c> (its deliberate bug) and
/// <c>X.twin.o</c> (the correct twin, <c>-DTWIN</c>); its <c>// expect: EBPFnnnn</c> line is the diagnostic
/// the bug must get, and <c>// kernel: -perfmon</c> asks the kernel without <c>CAP_PERFMON</c>.
/// </summary>
internal static partial class CCorpus
{
    public static string Folder => Path.Combine(RepositoryPaths.TestData, "verifier", "c");

    /// <summary>The sources' names without <c>.c</c>.</summary>
    public static IReadOnlyList<string> Names() =>
        [.. Directory.GetFiles(Folder, "*.c").Order(StringComparer.Ordinal).Select(Path.GetFileNameWithoutExtension).OfType<string>()];

    public static string Source(string name) => File.ReadAllText(Path.Combine(Folder, name + ".c"));

    public static string Bug(string name) => Path.Combine(Folder, name + ".bug.o");

    public static string Twin(string name) => Path.Combine(Folder, name + ".twin.o");

    /// <summary>The diagnostic the bug must get, from the source's <c>// expect:</c> line, or null.</summary>
    public static string? Expected(string name) => ExpectLine().Match(Source(name)) is { Success: true } m ? m.Groups[1].Value : null;

    public static bool WithoutPerfmon(string name) => Source(name).Split('\n').Contains("// kernel: -perfmon");

    /// <summary>True for a source marked <c>// needs: kernel BTF</c>: it reads kernel objects, typed from the running kernel's BTF.</summary>
    public static bool NeedsKernelBtf(string name) => Source(name).Split('\n').Contains("// needs: kernel BTF");

    /// <summary>Reads an object with the ELF loader, failing the test if it cannot.</summary>
    public static ObjectSpec Read(string path)
    {
        Assert.True(ObjectReader.TryRead(File.ReadAllBytes(path), Path.GetFileName(path), out var spec, out var diagnostics), string.Join(Environment.NewLine, diagnostics));
        return spec!;
    }

    /// <summary>Reads an object held in memory, failing the test if it cannot.</summary>
    public static ObjectSpec Read(byte[] bytes, string name)
    {
        Assert.True(ObjectReader.TryRead(bytes, name, out var spec, out var diagnostics), string.Join(Environment.NewLine, diagnostics));
        return spec!;
    }

    /// <summary>Verifies every program of <paramref name="spec"/> against its maps (and, given them, the kernel's types).</summary>
    public static IReadOnlyList<VerificationResult> Verify(ObjectSpec spec, ITargetTypes? types = null) =>
        [.. spec.Programs.Select(p => ProgramVerifier.Verify(p, spec.Maps, new VerifierOptions { TargetTypes = types }))];

    [GeneratedRegex(@"^// expect: (EBPF[0-9]{4})$", RegexOptions.Multiline)]
    private static partial Regex ExpectLine();
}
