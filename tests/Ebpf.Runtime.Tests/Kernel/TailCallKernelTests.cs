using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Programs;
using Ebpf.Runtime.Tests.Helpers;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Kernel;

/// <summary>Tail calls made from sub-programs and callbacks behave as in the Linux kernel (testdata/bpf/tail_call_*.c).</summary>
[Collection(KernelCollection.Name)]
public sealed class TailCallKernelTests
{
    private static readonly (string Map, uint Key, string Program)[] Slots =
        [("jump_table", 0, "tail_target"), ("jump_table", 1, "tail_chain")];

    private static string ObjectPath(string name) => Path.Combine(RepositoryPaths.TestData, "bpf", name + ".o");

    private static byte[] Packet => File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_tcp_64.bin"));

    public static TheoryData<EngineKind> AllEngines => [.. Engines.Available];

    private static (TestRunResult Run, Dictionary<uint, ulong> Steps) RunOurs(EngineKind engine, bool fillSlots)
    {
        using var loaded = LoadedObject.Load(ObjectReader.ReadFile(ObjectPath("tail_call_subprog")), new LoadOptions(engine));
        var table = (ProgArrayMap)loaded.FindMap("jump_table")!;
        if (fillSlots)
        {
            foreach (var (_, key, program) in Slots)
            {
                Assert.Equal(MapError.None, table.Update(key, loaded.FindProgram(program)!));
            }
        }

        var run = loaded.FindProgram("subprog_tail")!.TestRun(new TestRunOptions(Packet));
        var steps = MapEntries.Read(loaded.FindMap("steps")!)!.ToDictionary(e => BitConverter.ToUInt32(e.Key), e => BitConverter.ToUInt64(e.Value));
        return (run, steps);
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_tail_call_from_a_sub_program_returns_the_targets_result_to_the_sub_programs_caller(EngineKind engine)
    {
        var (run, steps) = RunOurs(engine, fillSlots: true);
        Assert.Null(run.Fault);

        // tail_target gives ingress_ifindex (1) + 41 to subprog_tail, directly and through tail_chain; the rest of
        // dispatch never runs.
        Assert.Equal(42UL, steps[4]);
        Assert.Equal(84UL, steps[5]);
        Assert.Equal(0UL, steps[3]);
        Assert.Equal(1UL, run.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_tail_call_to_an_empty_slot_lets_the_sub_program_go_on(EngineKind engine)
    {
        var (run, steps) = RunOurs(engine, fillSlots: false);
        Assert.Null(run.Fault);
        Assert.Equal(1UL, steps[3]);
        Assert.Equal(10UL, steps[5]);
    }

    [KernelTheory]
    [MemberData(nameof(AllEngines))]
    public void Tail_calls_from_sub_programs_end_as_in_the_kernel(EngineKind engine)
    {
        var kernel = KernelOracle.Run(ObjectPath("tail_call_subprog"), "subprog_tail", Path.Combine(RepositoryPaths.Shared, "bench", "pkt_tcp_64.bin"), null, Slots);
        var (run, steps) = RunOurs(engine, fillSlots: true);
        Assert.Equal(kernel.Result, run.ReturnValue);
        Assert.Equal(
            kernel.Maps["steps"].ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            steps.ToDictionary(e => Hex(BitConverter.GetBytes(e.Key)), e => Hex(BitConverter.GetBytes(e.Value)), StringComparer.Ordinal));
    }

    [Fact]
    public void A_program_whose_callback_reaches_a_tail_call_is_refused_at_load_as_linux_refuses_it()
    {
        var refused = Assert.Throws<DiagnosticException>(() => LoadedObject.Load(ObjectReader.ReadFile(ObjectPath("tail_call_callback"))));
        Assert.Equal(DiagnosticCode.TailCallInCallback, Assert.Single(refused.Diagnostics).Code);
    }

    [KernelFact]
    public void The_kernel_refuses_the_program_whose_callback_reaches_a_tail_call()
    {
        var folder = $"/sys/fs/bpf/ebpf_tailcb_{Environment.ProcessId}_{Guid.NewGuid():N}";
        try
        {
            Assert.ThrowsAny<Exception>(() => ExternalTool.Run("bpftool", "prog", "loadall", ObjectPath("tail_call_callback"), folder));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
