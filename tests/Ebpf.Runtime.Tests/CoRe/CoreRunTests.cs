using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Elf.CoRe;
using Ebpf.Elf.Externs;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;
using Ebpf.Runtime.Tests.Kernel;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.CoRe;

/// <summary>
/// CO-RE relocated programs and <c>__kconfig</c> externs run on every engine. Each core_local.c program reads its
/// answer from a packet whose byte i holds i, so the result names the offset the relocation chose; the expected
/// values are core_target.c's C layout worked out by hand (b at 6, w a __u32 at 16, the bitfield "bits" at bit 3 of
/// the word at 24, size 40, MODE_B = 20).
/// </summary>
public sealed class CoreRunTests
{
    private static readonly byte[] Packet = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    private static string PathOf(string name) => Path.Combine(RepositoryPaths.TestData, "core", name);

    public static TheoryData<string, ulong, EngineKind> Expected()
    {
        var data = new TheoryData<string, ulong, EngineKind>();
        var cases = new (string Program, ulong Result)[]
        {
            ("read_b", 6), ("read_w", 0x13121110), ("guarded_gone", 7), ("type_size", 40), ("type_missing", 10),
            ("enum_value", 20), ("enum_gone", 0), ("bitfield", (0x1918u >> 3) & 0x3F),
        };
        foreach (var (program, result) in cases)
        {
            foreach (var engine in Engines.Available)
            {
                data.Add(program, result, engine);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void A_relocated_program_reads_the_targets_layout(string program, ulong expected, EngineKind engine)
    {
        Assert.True(TargetBtfFile.TryLoad(PathOf("core_target.o"), out var target, out _));
        var spec = ObjectReader.ReadFile(PathOf("core_local.o"), ObjectReadOptions.Hermetic with { TargetBtf = target });
        Assert.Equal(expected, Run(spec, program, engine));
    }

    [Fact]
    public void A_program_that_reaches_a_poisoned_relocation_is_refused_at_load_with_its_source_line()
    {
        Assert.True(TargetBtfFile.TryLoad(PathOf("core_target.o"), out var target, out _));
        var spec = ObjectReader.ReadFile(PathOf("core_local.o"), ObjectReadOptions.Hermetic with { TargetBtf = target });
        var only = spec with { Programs = [spec.FindProgram("reads_gone")!] };

        var refused = Assert.Throws<DiagnosticException>(() => LoadedObject.Load(only));
        var diagnostic = Assert.Single(refused.Diagnostics);
        Assert.Equal(DiagnosticCode.UnresolvedCoreRelocation, diagnostic.Code);
        Assert.Contains("r->gone", diagnostic.Location.Source?.Text ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Kconfig_externs_read_the_configurations_values(EngineKind engine)
    {
        var config = KernelConfig.Parse("CONFIG_HZ=300\nCONFIG_BPF_SYSCALL=y\nCONFIG_TEST_MODULE=m\nCONFIG_LOCALVERSION=\"-xy\"\n", new Version(5, 15, 7));
        var spec = ObjectReader.ReadFile(PathOf("kconfig.o"), ObjectReadOptions.Hermetic with { KernelConfig = config });

        Assert.Equal((5UL << 16) + (15UL << 8) + 7, Run(spec, "kernel_version", engine));
        // HZ * 1000 + BPF_SYSCALL * 100 + TEST_MODULE (m is 2) * 10 + NOT_THERE (weak, 0) + HAS_BPF_COOKIE * 10^7.
        Assert.Equal(300_000UL + 100 + 20 + 0 + 10_000_000, Run(spec, "options", engine));
        Assert.Equal((ulong)'x', Run(spec, "local_version", engine));
    }

    /// <summary>Loads only <paramref name="program"/> of the spec and test-runs it once on <see cref="Packet"/>.</summary>
    internal static ulong Run(ObjectSpec spec, string program, EngineKind engine)
    {
        var only = spec with { Programs = [spec.FindProgram(program)!] };
        using var loaded = LoadedObject.Load(only, new LoadOptions(engine));
        var result = Assert.Single(loaded.Programs).TestRun(new TestRunOptions(Packet));
        Assert.Null(result.Fault);
        return result.ReturnValue;
    }
}
