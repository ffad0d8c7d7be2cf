using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Tests.Interpretation;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;

namespace Ebpf.Runtime.Tests.Compilation;

/// <summary><see cref="IExecutable.Bind"/>: a run prepared once and repeated gives what <see cref="IExecutable.Run"/> gives, run after run.</summary>
public sealed class BoundRunTests
{
    // *(u64 *)r1 += 1; return the new value.
    private const string Counter = "ldxdw %r0, [%r1]\nadd %r0, 1\nstxdw [%r1], %r0\nexit";

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Each_run_of_a_bound_request_sees_what_the_last_one_left_in_its_memory(EngineKind engine)
    {
        using var buffer = new NativeBuffer(new byte[8]);
        var run = Engines.Prepare(engine, ProgramRunner.Decode(Counter), HelperTable.Empty, ExecutionOptions.Default with { Checked = Engines.Checks(engine) })
            .Bind(ExecutionRequest.ForMemory(buffer.AsRegion("mem")));
        Assert.Equal([1UL, 2UL, 3UL], [run.Run().ReturnValue, run.Run().ReturnValue, run.Run().ReturnValue]);
        Assert.Equal(3UL, BitConverter.ToUInt64(buffer.Span));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_fault_ends_only_the_run_it_happens_in_and_the_next_run_starts_afresh(EngineKind engine)
    {
        // r1 == 0 calls a helper this table lacks (a fault on every engine); otherwise the program returns 7.
        var program = ProgramRunner.Decode("jeq %r1, 0, +2\nmov %r0, 7\nexit\ncall 9999\nexit");
        var executable = Engines.Prepare(engine, program, HelperTable.Empty);
        var faulting = executable.Bind(ExecutionRequest.WithArguments(0));
        var passing = executable.Bind(ExecutionRequest.WithArguments(1));
        for (var i = 0; i < 3; i++)
        {
            var fault = faulting.Run().Fault;
            Assert.Equal((DiagnosticCode.UnknownHelper, 3), (fault?.Code, fault?.InstructionIndex));
            Assert.Equal(7UL, passing.Run().ReturnValue);
        }
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Every_bound_run_has_the_whole_instruction_budget(EngineKind engine)
    {
        var executable = Engines.Prepare(engine, ProgramRunner.Decode("mov %r0, 0\nja -1\nexit"), HelperTable.Empty, new ExecutionOptions(InstructionBudget: 100));
        var run = executable.Bind(ExecutionRequest.WithArguments());
        var expected = executable.Run(ExecutionRequest.WithArguments());
        for (var i = 0; i < 3; i++)
        {
            var result = run.Run();
            Assert.Equal((DiagnosticCode.InstructionBudgetExceeded, 1, 101L), (result.Fault?.Code, result.Fault?.InstructionIndex, result.InstructionCount));
            Assert.Equal(expected, result);
        }
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Two_bound_runs_on_one_thread_keep_their_own_requests_through_helper_calls(EngineKind engine)
    {
        // Both read their own memory through a map update (a helper call whose key lives in the run's memory).
        using var map = Maps.Maps.Create(MapType.Array, 4, 8, 4);
        var program = ProgramRunner.Decode($"mov %r6, %r1\n{LoadMap(map)}\nmov %r2, %r6\nmov %r3, %r6\nadd %r3, 8\nmov %r4, 0\ncall 2\nldxdw %r0, [%r6+8]\nexit");
        var executable = Engines.Prepare(engine, program, LinuxHelpers.Table);
        using var first = new NativeBuffer([0, 0, 0, 0, 0, 0, 0, 0, 11, 0, 0, 0, 0, 0, 0, 0]);
        using var second = new NativeBuffer([2, 0, 0, 0, 0, 0, 0, 0, 22, 0, 0, 0, 0, 0, 0, 0]);
        BoundRun Bind(NativeBuffer buffer) => executable.Bind(ExecutionRequest.ForMemory(buffer.AsRegion("mem")) with { Regions = [buffer.AsRegion("mem"), .. map.Regions] });
        var (a, b) = (Bind(first), Bind(second));
        Assert.Equal([11UL, 22UL, 11UL], [a.Run().ReturnValue, b.Run().ReturnValue, a.Run().ReturnValue]);
        Assert.Equal([11L, 0L, 22L], [S64(map, 0), S64(map, 1), S64(map, 2)]);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Binding_more_than_five_arguments_is_refused(EngineKind engine)
    {
        var executable = Engines.Prepare(engine, ProgramRunner.Decode("mov %r0, 0\nexit"), HelperTable.Empty);
        Assert.Throws<ArgumentException>(() => executable.Bind(ExecutionRequest.WithArguments(1, 2, 3, 4, 5, 6)));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Tail_calls_made_by_one_bound_run_do_not_count_against_the_next(EngineKind engine)
    {
        // A sub-program tail-calls (helper 12 here calls the target directly) in every run; the 33-call limit is per run,
        // so the fortieth run still reaches the target (the JIT's bound run resets its count only after runs that made one).
        IExecutable? target = null;
        var helpers = LinuxHelpers.Table.With(12, "tail_call", (context, _, _, _, _, _) =>
        {
            context.RequestTailCall(target!);
            return 0;
        });
        target = Engines.Prepare(engine, ProgramRunner.Decode("mov %r0, %r1\nadd %r0, 1\nexit"), helpers);
        var program = ProgramRunner.Decode("mov %r6, 100\ncall local sub\nadd %r0, %r6\nexit\nsub:\nmov %r1, 30\ncall 12\nmov %r0, 1000\nexit");
        var run = Engines.Prepare(engine, program, helpers).Bind(ExecutionRequest.WithArguments(0));
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(131UL, run.Run().ReturnValue);
        }
    }
}
