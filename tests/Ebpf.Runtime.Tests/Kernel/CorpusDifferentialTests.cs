using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Kernel;

/// <summary>Every XDP program of testdata/bpf on both packets: result, packet and maps equal the kernel's.</summary>
[Collection(KernelCollection.Name)]
public sealed class CorpusDifferentialTests
{
    private static string Corpus => Path.Combine(RepositoryPaths.TestData, "bpf");

    private static IEnumerable<(string Object, string Program, int[] Helpers)> XdpPrograms() =>
        Directory.GetFiles(Corpus, "*.o").Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Spec: ObjectReader.ReadFile(path)))
            .Where(o => o.Spec.Programs.All(p => p.Type == ProgramType.Xdp) && o.Spec.License.Length > 0)
            .SelectMany(o => o.Spec.Programs.Select(p => (Path.GetFileName(o.Path), p.Name,
                p.Instructions.Where(i => i.Opcode == 0x85 && i.Source == 0).Select(i => i.Immediate).Distinct().ToArray())));

    /// <summary>
    /// Every program, on both packets, except those writing to the kernel's trace pipe (trace_printk):
    /// HelperKernelTests owns that pipe and compares those lines itself.
    /// </summary>
    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var (obj, program, helpers) in XdpPrograms().Where(p => !p.Helpers.Contains(Core.Abi.HelperId.TracePrintk)))
        {
            foreach (var packet in new[] { "pkt_tcp_64.bin", "pkt_udp_512.bin" })
            {
                cases.Add(obj, program, packet);
            }
        }

        return cases;
    }

    [Fact]
    public void Every_helper_the_corpus_programs_call_is_implemented()
    {
        var missing = XdpPrograms().Where(p => p.Helpers.Any(h => LinuxHelpers.Table.Find(h) is null)).Select(p => $"{p.Object}:{p.Program}");
        Assert.Empty(missing);
    }

    [KernelTheory]
    [MemberData(nameof(Cases))]
    public void Result_packet_and_maps_equal_the_kernels(string objectFile, string programName, string packetFile)
    {
        var objectPath = Path.Combine(Corpus, objectFile);
        var packetPath = Path.Combine(RepositoryPaths.Shared, "bench", packetFile);
        var spec = ObjectReader.ReadFile(objectPath);
        var kernel = KernelOracle.Run(objectPath, packetPath, programName);

        // One kernel run, compared with each engine's (every engine test runs on every engine).
        foreach (var engine in Engines.Available)
        {
            // The kernel's verifier accepted these programs, so unchecked engines run them unchecked (the JIT inlines map operations then).
            Compare(kernel, LoadedObject.Load(spec, new LoadOptions(engine, ExecutionOptions.Default with { Checked = Engines.Checks(engine) })), programName, packetPath);
        }
    }

    private static void Compare((ulong Result, byte[] DataOut, Dictionary<string, Dictionary<string, string>> Maps) kernel, LoadedObject owned, string programName, string packetPath)
    {
        using var loaded = owned;
        var ours = loaded.FindProgram(programName)!.TestRun(new TestRunOptions(File.ReadAllBytes(packetPath)));
        Assert.Null(ours.Fault);
        Assert.Equal(kernel.Result, ours.ReturnValue);
        Assert.Equal(kernel.DataOut, ours.DataOut);
        foreach (var (name, entries) in kernel.Maps)
        {
            // libbpf names global data maps after the object and section (xdp_mult.bss); ours by section.
            var map = loaded.FindMap(name) ?? loaded.Maps.Single(m => m.Name.StartsWith('.') && name.EndsWith(m.Name, StringComparison.Ordinal));
            if (MapEntries.Read(map) is { } ourEntries)
            {
                var perCpu = map.Type is MapType.PercpuArray or MapType.PercpuHash or MapType.LruPercpuHash;
                var valueSize = (map.ValueSize + 7) / 8 * 8;
                Assert.Equal(
                    entries.ToDictionary(e => e.Key, e => Normalize(e.Value, perCpu, valueSize), StringComparer.Ordinal),
                    ourEntries.ToDictionary(e => Hex(e.Key), e => Normalize(Hex(e.Value), perCpu, valueSize), StringComparer.Ordinal));
            }
        }
    }

    /// <summary>A test run uses whichever CPU it is on, here and in the kernel: per-CPU values compare as a sorted list of slots.</summary>
    private static string Normalize(string hex, bool perCpu, uint valueSize)
    {
        if (!perCpu)
        {
            return hex;
        }

        var bytes = hex.Split(' ');
        return string.Join(" | ", bytes.Chunk((int)valueSize).Select(c => string.Join(' ', c)).Order(StringComparer.Ordinal));
    }

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
