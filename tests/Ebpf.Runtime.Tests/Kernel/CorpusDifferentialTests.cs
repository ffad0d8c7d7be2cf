using System.Buffers.Binary;
using System.Collections.Concurrent;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Kernel;

/// <summary>
/// Every XDP, socket filter, tc and raw tracepoint program of testdata/bpf, on every engine: result, packet,
/// context and maps equal the kernel's. Packet programs run on both benchmark packets and once with a context;
/// raw tracepoints with their arguments as the context.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class CorpusDifferentialTests
{
    private static readonly ProgramType[] PacketTypes = [ProgramType.Xdp, ProgramType.SocketFilter, ProgramType.SchedCls, ProgramType.SchedAct];

    /// <summary>
    /// Objects bpftool cannot load here: libbpf 1.x refuses legacy_maps.o's map definitions, and this kernel has no
    /// tracing programs for fentry.o, and its verifier refuses tail_call_callback.o (testdata/bpf/README.md).
    /// </summary>
    private static readonly string[] NotLoadable = ["legacy_maps.o", "fentry.o", "tail_call_callback.o"];

    /// <summary>raw_tracepoint/sys_enter's arguments: (struct pt_regs *, long id), here id 59 (execve).</summary>
    private static readonly byte[] RawTracepointArguments = [.. new byte[8], .. BitConverter.GetBytes(59UL)];

    /// <summary>Value bytes that hold a clock reading (tc_classifier.c's <c>last_seen_ns</c>): they compare as "set" or "zero".</summary>
    private static readonly Dictionary<string, (int Offset, int Length)> ClockReadings = new(StringComparer.Ordinal) { ["flows"] = (16, 8) };

    /// <summary>The kernel's runs by (object, program, input): each engine's run of a case compares with the same one.</summary>
    private static readonly ConcurrentDictionary<(string Object, string Program, string Input), KernelRun> KernelRuns = new();

    private static string Corpus => Path.Combine(RepositoryPaths.TestData, "bpf");

    private static IEnumerable<(string Object, ProgramSpec Program, ObjectSpec Spec)> Programs() =>
        Directory.GetFiles(Corpus, "*.o").Order(StringComparer.Ordinal)
            .Where(path => !NotLoadable.Contains(Path.GetFileName(path)))
            .Select(path => (Path: path, Spec: ObjectReader.ReadFile(path)))
            .Where(o => o.Spec.License.Length > 0)
            .SelectMany(o => o.Spec.Programs
                .Where(p => PacketTypes.Contains(p.Type) || p.Type == ProgramType.RawTracepoint)
                .Select(p => (Path.GetFileName(o.Path), p, o.Spec)));

    private static int[] Helpers(ProgramSpec program) =>
        [.. program.Instructions.Where(i => i.Opcode == 0x85 && i.Source == 0).Select(i => i.Immediate).Distinct()];

    /// <summary>
    /// Every program, on every engine, except those writing to the kernel's trace pipe (trace_printk):
    /// HelperKernelTests owns that pipe and compares those lines itself. The last argument names the input.
    /// </summary>
    public static TheoryData<string, string, string, EngineKind> Cases()
    {
        var cases = new TheoryData<string, string, string, EngineKind>();
        foreach (var (obj, program, _) in Programs().Where(p => !Helpers(p.Program).Contains(HelperId.TracePrintk)))
        {
            string[] inputs = program.Type == ProgramType.RawTracepoint ? ["args"]
                : program.Type == ProgramType.Xdp ? ["pkt_tcp_64.bin", "pkt_udp_512.bin"]
                : ["pkt_tcp_64.bin", "pkt_udp_512.bin", "pkt_udp_512.bin+ctx"];
            foreach (var input in inputs)
            {
                foreach (var engine in Engines.Available)
                {
                    cases.Add(obj, program.Name, input, engine);
                }
            }
        }

        return cases;
    }

    [Fact]
    public void Every_helper_the_corpus_programs_call_is_implemented()
    {
        var missing = Programs().Where(p => Helpers(p.Program).Any(h => LinuxHelpers.Table.Find(h) is null)).Select(p => $"{p.Object}:{p.Program.Name}");
        Assert.Empty(missing);
    }

    [Fact]
    public void The_corpus_has_socket_filter_tc_and_raw_tracepoint_programs_to_compare()
    {
        var types = Programs().Select(p => p.Program.Type).ToHashSet();
        Assert.Superset(new HashSet<ProgramType> { ProgramType.Xdp, ProgramType.SocketFilter, ProgramType.SchedCls, ProgramType.RawTracepoint }, types);
    }

    [KernelTheory]
    [MemberData(nameof(Cases))]
    public void Result_packet_context_and_maps_equal_the_kernels(string objectFile, string programName, string input, EngineKind engine)
    {
        var objectPath = Path.Combine(Corpus, objectFile);
        var spec = ObjectReader.ReadFile(objectPath);
        var type = spec.FindProgram(programName)!.Type;
        var packetPath = type == ProgramType.RawTracepoint ? null : Path.Combine(RepositoryPaths.Shared, "bench", input.Replace("+ctx", "", StringComparison.Ordinal));
        var contextIn = type == ProgramType.RawTracepoint ? RawTracepointArguments : input.EndsWith("+ctx", StringComparison.Ordinal) ? SkbContext() : null;
        // One kernel run per case, compared with each engine's.
        var kernel = KernelRuns.GetOrAdd((objectFile, programName, input), _ => KernelOracle.Run(objectPath, programName, packetPath, contextIn));

        // Programs of types without support here (the kprobe beside a raw tracepoint) stay out of our load.
        var skipped = spec.Programs.Where(p => AbiTable.Linux.FindProgramType(p.Type) is null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        // The kernel's verifier accepted these programs, so unchecked engines run them unchecked (the JIT inlines map operations then).
        var options = ExecutionOptions.Default with { Checked = Engines.Checks(engine) };
        using var loaded = LoadedObject.Load(spec, new LoadOptions(engine, options) { SkipPrograms = skipped });
        var ours = loaded.FindProgram(programName)!.TestRun(new TestRunOptions(packetPath is null ? default : File.ReadAllBytes(packetPath), contextIn));
        Assert.Null(ours.Fault);
        Assert.Equal(kernel.Result, ours.ReturnValue);
        if (packetPath is not null)
        {
            Assert.Equal(kernel.DataOut, ours.DataOut);
        }

        if (contextIn is not null && packetPath is not null)
        {
            Assert.Equal(kernel.ContextOut, ours.ContextOut);
        }

        foreach (var (name, entries) in kernel.Maps)
        {
            // libbpf names global data maps after the object and section (xdp_mult.bss); ours by section.
            var map = loaded.FindMap(name) ?? loaded.Maps.Single(m => m.Name.StartsWith('.') && name.EndsWith(m.Name, StringComparison.Ordinal));
            if (MapEntries.Read(map) is { } ourEntries)
            {
                var perCpu = map.Type is MapType.PercpuArray or MapType.PercpuHash or MapType.LruPercpuHash;
                var valueSize = (map.ValueSize + 7) / 8 * 8;
                var clock = ClockReadings.GetValueOrDefault(map.Name);
                Assert.Equal(
                    entries.ToDictionary(e => e.Key, e => Normalize(Mask(e.Value, clock), perCpu, valueSize), StringComparer.Ordinal),
                    ourEntries.ToDictionary(e => Hex(e.Key), e => Normalize(Mask(Hex(e.Value), clock), perCpu, valueSize), StringComparer.Ordinal));
            }
        }
    }

    /// <summary>A <c>struct __sk_buff</c> with every field a test run accepts set: mark, priority, ingress_ifindex, cb, gso_segs and gso_size.</summary>
    private static byte[] SkbContext()
    {
        var context = new byte[SkbFrame.ContextSize];
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(8), 5);
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(32), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(36), 9);
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(48), 7);
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(164), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(176), 100);
        return context;
    }

    /// <summary>Replaces the clock bytes of a value with "set" when any is non-zero.</summary>
    private static string Mask(string hex, (int Offset, int Length) clock)
    {
        if (clock.Length == 0)
        {
            return hex;
        }

        var bytes = hex.Split(' ');
        var reading = bytes.AsSpan(clock.Offset, clock.Length);
        var set = reading.ToArray().Any(b => b != "00");
        reading.Fill(set ? "set" : "00");
        return string.Join(' ', bytes);
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
