using System.Buffers.Binary;
using System.IO.Compression;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf.Externs;

namespace Ebpf.Elf.Tests.CoRe;

/// <summary>kconfig.c's externs filled from a configuration the test writes, so the expected bytes come from it.</summary>
public sealed class KconfigTests
{
    private static readonly KernelConfig Config = KernelConfig.Parse(
        "# comment\nCONFIG_HZ=250\nCONFIG_BPF_SYSCALL=y\n# CONFIG_TEST_MODULE is not set\nCONFIG_LOCALVERSION=\"-test\"\n", new Version(6, 1, 300));

    private static ObjectSpec Read(KernelConfig? config) =>
        ObjectReader.ReadFile(CoreObjects.PathOf("kconfig.o"), ObjectReadOptions.Hermetic with { KernelConfig = config });

    [Fact]
    public void Externs_live_in_a_read_only_kconfig_map_holding_their_values()
    {
        var spec = Read(Config);
        var map = spec.FindMap(".kconfig")!;
        Assert.True(map.IsReadOnlyForPrograms);
        var value = map.InitialValue.AsSpan();

        // Each program loads the map's value at the extern's offset: follow the lddw to read what it will see.
        Assert.Equal((6u << 16) + (1u << 8) + 255u, BinaryPrimitives.ReadUInt32LittleEndian(value[Offset(spec, "kernel_version", 0)..]));
        var local = Offset(spec, "local_version", 0);
        Assert.Equal("-test\0"u8.ToArray(), value.Slice(local, 6).ToArray());
    }

    [Fact]
    public void Weak_externs_missing_from_the_configuration_read_zero()
    {
        var spec = Read(Config);
        var value = spec.FindMap(".kconfig")!.InitialValue;
        var offsets = Offsets(spec, "options");

        // CONFIG_HZ, CONFIG_BPF_SYSCALL, CONFIG_TEST_MODULE (not set: n), CONFIG_NOT_THERE (absent), LINUX_HAS_BPF_COOKIE, in some order.
        var values = offsets.Select(o => value[o]).ToList();
        Assert.Contains((byte)250, values);
        Assert.Equal(5, offsets.Count);
        Assert.Equal(2, values.Count(v => v == 0));
    }

    [Fact]
    public void A_strong_config_extern_without_a_configuration_refuses_the_object()
    {
        var diagnostic = Assert.Single(CoreObjects.Refusal("kconfig.o", ObjectReadOptions.Hermetic));
        Assert.Equal(DiagnosticCode.UnresolvedSymbol, diagnostic.Code);
        Assert.Contains("--kconfig", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_does_not_fit_the_externs_type_is_refused()
    {
        var config = KernelConfig.Parse("CONFIG_HZ=y\nCONFIG_BPF_SYSCALL=y\n", new Version(6, 1, 0));
        var diagnostic = Assert.Single(CoreObjects.Refusal("kconfig.o", ObjectReadOptions.Hermetic with { KernelConfig = config }));
        Assert.Equal(DiagnosticCode.InvalidKernelConfig, diagnostic.Code);
        Assert.Contains("CONFIG_HZ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6.18.44-fc-v1045", 6, 18, 44)]
    [InlineData("5.10.0-28-amd64", 5, 10, 0)]
    [InlineData("6.1", 6, 1, 0)]
    public void Kernel_releases_give_their_version(string release, int major, int minor, int patch) =>
        Assert.Equal(new Version(major, minor, patch), KernelConfig.ParseRelease(release));

    [Fact]
    public void A_gzip_configuration_reads_as_the_plain_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ebpf_kconfig_{Environment.ProcessId}.gz");
        try
        {
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                gzip.Write("CONFIG_HZ=1000\n# CONFIG_X is not set\n"u8);
            }

            Assert.True(KernelConfig.TryLoad(path, null, out var config, out _));
            Assert.Equal("1000", config.Values["CONFIG_HZ"]);
            Assert.Equal("n", config.Values["CONFIG_X"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The offsets into the .kconfig value that <paramref name="program"/>'s map-value lddw instructions load.</summary>
    private static List<int> Offsets(ObjectSpec spec, string program)
    {
        var kconfig = spec.Maps.IndexOf(spec.FindMap(".kconfig")!);
        var code = spec.FindProgram(program)!.Instructions;
        return [.. code.Select((insn, i) => (insn, i))
            .Where(p => p.insn.Opcode == 0x18 && p.insn.Source == (Register)LoadImm64Source.MapValueByIndex && p.insn.Immediate == kconfig)
            .Select(p => code[p.i + 1].Immediate)
            .Distinct()];
    }

    private static int Offset(ObjectSpec spec, string program, int index) => Offsets(spec, program)[index];
}
