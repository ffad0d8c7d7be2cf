using Ebpf.Core.Abi;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Kernel;

/// <summary>Every benchmark program on both packets: our result, packet and maps equal the Linux kernel's.</summary>
[Collection(KernelCollection.Name)]
public sealed class KernelDifferentialTests
{
    public static TheoryData<string, string, EngineKind> Cases()
    {
        var bench = Path.Combine(RepositoryPaths.Shared, "bench");
        var cases = new TheoryData<string, string, EngineKind>();
        foreach (var obj in Directory.GetFiles(bench, "*.o").Order(StringComparer.Ordinal))
        {
            foreach (var packet in Directory.GetFiles(bench, "pkt_*.bin").Order(StringComparer.Ordinal))
            {
                foreach (var engine in Engines.Available)
                {
                    cases.Add(Path.GetFileName(obj), Path.GetFileName(packet), engine);
                }
            }
        }

        return cases;
    }

    [KernelTheory]
    [MemberData(nameof(Cases))]
    public void Result_packet_and_maps_equal_the_kernels(string objectFile, string packetFile, EngineKind engine)
    {
        var bench = Path.Combine(RepositoryPaths.Shared, "bench");
        var objectPath = Path.Combine(bench, objectFile);
        var packetPath = Path.Combine(bench, packetFile);
        var kernel = KernelOracle.Run(objectPath, packetPath);

        // The kernel's verifier accepted these programs, so unchecked engines run them unchecked (the JIT inlines map operations then).
        using var loaded = LoadedObject.Load(ObjectReader.ReadFile(objectPath), new LoadOptions(engine, ExecutionOptions.Default with { Checked = Engines.Checks(engine) }));
        var program = Assert.Single(loaded.Programs);
        Assert.Equal(ProgramType.Xdp, program.Type);
        var ours = program.TestRun(new TestRunOptions(File.ReadAllBytes(packetPath)));
        Assert.Null(ours.Fault);
        Assert.Equal(kernel.Result, ours.ReturnValue);
        Assert.Equal(kernel.DataOut, ours.DataOut);
        foreach (var map in loaded.Maps)
        {
            var entries = MapEntries.Read(map) ?? throw new InvalidOperationException($"{map.Name} cannot be iterated");
            Assert.Equal(kernel.Maps[map.Name], entries.ToDictionary(e => Hex(e.Key), e => Hex(e.Value), StringComparer.Ordinal));
        }
    }

    /// <summary>Bytes as bpftool prints them: lower-case hex pairs separated by spaces.</summary>
    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A theory skipped, with the reason, where the kernel cannot be the oracle.</summary>
internal sealed class KernelTheoryAttribute : TheoryAttribute
{
    public KernelTheoryAttribute() => Skip = KernelOracle.Unavailable;
}
