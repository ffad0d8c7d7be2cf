using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Tests.Interpretation;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary>
/// Where a tail call's target runs, on every engine, with programs the loader would refuse (a tail call in a
/// callback) or that would need program arrays: helper 12 here tail-calls <c>targets[r3]</c>, so what is tested is
/// the engine's handling of the request, against the interpreter's rules (Linux's with its JITs).
/// </summary>
public sealed class TailCallPlacementTests
{
    private const ulong NoEntry = unchecked((ulong)-2L);

    /// <summary>Prepares <paramref name="sources"/> on <paramref name="engine"/>, each with a <c>bpf_tail_call</c> to <c>targets[r3]</c>; runs the first with r1 = 0.</summary>
    private static ExecutionResult Run(EngineKind engine, params string[] sources)
    {
        var targets = new IExecutable[sources.Length];
        var helpers = LinuxHelpers.Table.With(12, "tail_call", (context, _, _, index, _, _) =>
        {
            context.RequestTailCall(targets[(int)index]);
            return 0;
        });
        for (var i = 0; i < sources.Length; i++)
        {
            targets[i] = Engines.Prepare(engine, ProgramRunner.Decode(sources[i]), helpers);
        }

        return targets[0].Run(ExecutionRequest.WithArguments(0));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_tail_call_inside_a_callback_fails_with_enoent_and_the_callback_goes_on(EngineKind engine)
    {
        // bpf_loop(1, cb, fp-8, 0); cb stores what bpf_tail_call returned in *ctx; the program returns it.
        var result = Run(engine, """
            stdw [%r10-8], 0
            mov %r1, 1
            lddw %r2, func 7
            mov %r3, %r10
            add %r3, -8
            mov %r4, 0
            call 181
            ldxdw %r0, [%r10-8]
            exit
            mov %r6, %r2
            mov %r3, 1
            call 12
            stxdw [%r6], %r0
            mov %r0, 1
            exit
            """, "mov %r0, 7\nexit");
        Assert.Null(result.Fault);
        Assert.Equal(NoEntry, result.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_tail_call_from_a_sub_program_gives_its_caller_the_targets_r0_on_the_context_passed(EngineKind engine)
    {
        // The entry keeps 100 in r6 across the call; the sub-program tail-calls with r1 = 30; the target returns r1 + 1.
        var result = Run(engine, """
            mov %r6, 100
            call local sub
            add %r0, %r6
            exit
            sub:
            mov %r1, 30
            mov %r3, 1
            call 12
            mov %r0, 1000
            exit
            """, "mov %r0, %r1\nadd %r0, 1\nexit");
        Assert.Null(result.Fault);
        Assert.Equal(131UL, result.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Tail_calls_from_the_program_and_its_sub_programs_share_the_limit_of_thirty_three(EngineKind engine)
    {
        // Call 1 replaces the program with the second; its sub-program makes call 2 to the third, which counts its
        // runs in r6 and tail-calls itself until a call fails: calls 3 to 33 succeed, so it runs 32 times and the
        // 32 reaches the sub-program's caller, which adds 1000.
        var result = Run(engine, """
            mov %r3, 1
            call 12
            mov %r0, 99
            exit
            """, """
            mov %r6, 1000
            mov %r1, 0
            call local sub
            add %r0, %r6
            exit
            sub:
            mov %r3, 2
            call 12
            mov %r0, 5555
            exit
            """, """
            add %r1, 1
            mov %r6, %r1
            mov %r3, 2
            call 12
            mov %r0, %r6
            exit
            """);
        Assert.Null(result.Fault);
        Assert.Equal(1032UL, result.ReturnValue);
    }
}
