using Ebpf.Core.Abi;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Native;
using Ebpf.Runtime.Native.Generation;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Native;

/// <summary>
/// Objects generated as C# and loaded as native code: every benchmark program and every packet and raw tracepoint
/// program of testdata/bpf gives the interpreter's result, packet, context and maps on the same inputs.
/// </summary>
public sealed class NativeObjectTests
{
    private static readonly ProgramType[] PacketTypes = [ProgramType.Xdp, ProgramType.SocketFilter, ProgramType.SchedCls, ProgramType.SchedAct];

    /// <summary>Objects this process cannot load (testdata/bpf/README.md: legacy maps libbpf refuses, tracing and tail calls from callbacks).</summary>
    private static readonly string[] NotLoadable = ["legacy_maps.o", "fentry.o", "tail_call_callback.o"];

    /// <summary>Raw tracepoint arguments: (struct pt_regs *, long id = 59).</summary>
    private static readonly byte[] RawTracepointArguments = [.. new byte[8], .. BitConverter.GetBytes(59UL)];

    /// <summary>Value bytes that hold a clock reading (bpf_ktime_get_ns), which two runs cannot share: compared as "set" or "zero".</summary>
    private static readonly Dictionary<string, (int Offset, int Length)> ClockReadings = new(StringComparer.Ordinal)
    {
        ["tc_classifier.o/flows"] = (16, 8), // last_seen_ns
        ["queue_stack.o/fork_fifo"] = (8, 8), // fork_rec.ts_ns
        ["queue_stack.o/.bss"] = (8, 8), // oldest_ts
    };

    public static TheoryData<string> Objects()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "bench"), "*.o").Order(StringComparer.Ordinal))
        {
            data.Add("bench/" + Path.GetFileName(path));
        }

        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryPaths.TestData, "bpf"), "*.o").Order(StringComparer.Ordinal))
        {
            if (!NotLoadable.Contains(Path.GetFileName(path)))
            {
                data.Add("bpf/" + Path.GetFileName(path));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Every_program_gives_the_interpreters_result_packet_context_and_maps(string name)
    {
        var path = name.StartsWith("bench/", StringComparison.Ordinal) ? Path.Combine(RepositoryPaths.Shared, name) : Path.Combine(RepositoryPaths.TestData, name);
        var spec = ObjectReader.ReadFile(path);
        var skipped = spec.Programs.Where(p => AbiTable.Linux.FindProgramType(p.Type) is null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var options = new LoadOptions(EngineKind.Interpreter) { SkipPrograms = skipped };
        LoadedObject reference;
        try
        {
            reference = LoadedObject.Load(spec, options);
        }
        catch (Core.Diagnostics.DiagnosticException refused)
        {
            // Only objects the verifier accepts become native code: ebpf compile refuses the others the same way.
            Assert.Contains(refused.Diagnostics, d => (int)d.Code >= 5000);
            return;
        }

        using (reference)
        {
            var native = GeneratedCode.Load(spec, new NativeWriterOptions("Ebpf.Tests.Generated", Literals.TypeName(name)));
            using var loaded = LoadedObject.Load(native, options with { Engine = EngineKind.Native });
            Assert.All(loaded.Programs, p => Assert.Equal(EngineKind.Native, p.Executable.Engine));
            foreach (var program in reference.Programs.Where(p => PacketTypes.Contains(p.Type) || p.Type == ProgramType.RawTracepoint))
            {
                foreach (var input in Inputs(program.Type))
                {
                    var expected = program.TestRun(input);
                    var ours = loaded.FindProgram(program.Name)!.TestRun(input);
                    Assert.Equal(expected.Fault?.Code, ours.Fault?.Code);
                    Assert.Equal(expected.ReturnValue, ours.ReturnValue);
                    Assert.Equal(expected.DataOut, ours.DataOut);
                    Assert.Equal(expected.ContextOut, ours.ContextOut);
                }
            }

            for (var i = 0; i < reference.Maps.Length; i++)
            {
                Assert.Equal(Entries(Path.GetFileName(name), reference.Maps[i]), Entries(Path.GetFileName(name), loaded.Maps[i]));
            }
        }
    }

    [Fact]
    public void Native_code_is_refused_for_instructions_it_was_not_generated_from()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.Shared, "bench", "xdp_pass.o"));
        var native = GeneratedCode.Load(spec, new NativeWriterOptions("Ebpf.Tests.Generated", "Pass"));
        var other = spec with { Programs = [spec.Programs[0] with { Instructions = [.. spec.Programs[0].Instructions.Reverse()] }] };
        var refused = Assert.Throws<Core.Diagnostics.DiagnosticException>(() => LoadedObject.Load(other, new LoadOptions(EngineKind.Native) { Native = native }));
        Assert.Equal(Core.Diagnostics.DiagnosticCode.NativeProgramMissing, Assert.Single(refused.Diagnostics).Code);
    }

    [Fact]
    public void An_unverified_file_loads_its_programs_in_the_checked_interpreter()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.Shared, "bench", "xdp_pass.o"));
        var native = GeneratedCode.Load(spec, new NativeWriterOptions("Ebpf.Tests.Generated", "PassUnverified") { Verified = false });
        using var loaded = native.Load();
        var program = Assert.Single(loaded.Programs);
        Assert.Equal(EngineKind.Interpreter, program.Executable.Engine);
        Assert.False(program.IsVerified);
    }

    private static IEnumerable<TestRunOptions> Inputs(ProgramType type)
    {
        if (type == ProgramType.RawTracepoint)
        {
            yield return new TestRunOptions(default, RawTracepointArguments);
            yield break;
        }

        foreach (var packet in Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "bench"), "pkt_*.bin").Order(StringComparer.Ordinal))
        {
            yield return new TestRunOptions(File.ReadAllBytes(packet));
        }
    }

    /// <summary>A map's entries as text (maps that cannot be iterated, such as ring buffers, as nothing).</summary>
    private static string Entries(string objectName, BpfMap map) => MapEntries.Read(map) is { } entries
        ? string.Join('\n', entries.Select(e => Convert.ToHexString(e.Key) + "=" + Convert.ToHexString(Mask($"{objectName}/{map.Name}", e.Value))).Order(StringComparer.Ordinal))
        : "";

    private static byte[] Mask(string map, byte[] value)
    {
        if (ClockReadings.TryGetValue(map, out var clock) && value.Length >= clock.Offset + clock.Length)
        {
            var set = value.AsSpan(clock.Offset, clock.Length).ContainsAnyExcept((byte)0);
            value.AsSpan(clock.Offset, clock.Length).Fill(set ? (byte)1 : (byte)0);
        }

        return value;
    }
}
