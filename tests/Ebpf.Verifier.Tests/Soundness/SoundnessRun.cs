using System.Collections.Concurrent;
using System.Diagnostics;
using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Programs;

namespace Ebpf.Verifier.Tests.Soundness;

/// <summary>
/// Verifies <c>count</c> programs a maker draws, each from its own generator (seed, index) so a failure reproduces
/// whatever the threads did, and runs every accepted one in the checked interpreter on random packets.
/// </summary>
internal sealed class SoundnessRun
{
    private readonly ConcurrentQueue<string> _faults = new();
    private int _made;
    private int _accepted;
    private int _runs;
    private long _verifyTicks;
    private long _runTicks;

    /// <summary>True when <c>EBPF_SOUNDNESS_ONLY</c> picked one program to rerun (rates then mean nothing).</summary>
    public static bool Rerun => Environment.GetEnvironmentVariable("EBPF_SOUNDNESS_ONLY") is not null;

    /// <summary>Programs made that decode (the others are not counted).</summary>
    public int Made => _made;

    /// <summary>Programs the verifier accepted.</summary>
    public int Accepted => _accepted;

    /// <summary>What faulted, with the seed, index and program to reproduce it.</summary>
    public IReadOnlyCollection<string> Faults => _faults;

    /// <summary>Runs the property over <paramref name="count"/> programs from <paramref name="make"/> (null: skip).</summary>
    public static SoundnessRun Check(int seed, int count, Func<Random, ProgramSpec?> make)
    {
        var run = new SoundnessRun();
        var only = int.TryParse(Environment.GetEnvironmentVariable("EBPF_SOUNDNESS_ONLY"), out var index) ? index : -1;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (n, loop) =>
        {
            if (only >= 0 && n != only)
            {
                return;
            }

            // Not HashCode.Combine: it is salted per process, so a printed (seed, index) would not reproduce.
            var random = new Random(unchecked((seed * 1_000_003) + n));
            ProgramSpec? program = null;
            DecodedProgram? decoded = null;
            for (var attempt = 0; attempt < 8 && decoded is null; attempt++)
            {
                // Mutants that do not decode are not programs: draw again, from the same generator.
                program = make(random);
                if (program is null || !ProgramDecoder.TryDecode(program.Instructions.AsSpan(), out decoded, out _))
                {
                    decoded = null;
                }
            }

            if (program is null || decoded is null)
            {
                return;
            }

            Interlocked.Increment(ref run._made);
            var clock = Stopwatch.StartNew();
            var verdict = ProgramVerifier.Verify(program, []);
            Interlocked.Add(ref run._verifyTicks, clock.ElapsedTicks);
            if (!verdict.IsAccepted)
            {
                return;
            }

            Interlocked.Increment(ref run._accepted);
            clock.Restart();
            var executable = Engines.Prepare(EngineKind.Interpreter, decoded, LinuxHelpers.Table, new ExecutionOptions(Checked: true, InstructionBudget: 10_000_000));
            for (var p = 0; p < 4; p++)
            {
                var packet = new byte[p == 0 ? 14 : random.Next(14, 200)];  // the hook's shortest packet first: bounds bite there
                random.NextBytes(packet);
                var result = TestRun.Run(executable, ProgramType.Xdp, new TestRunOptions(packet));
                Interlocked.Increment(ref run._runs);
                if (result.Fault is not null)
                {
                    run._faults.Enqueue($"seed {seed}, program {n} ({program.Name}; rerun it alone with EBPF_TEST_SEED={seed} EBPF_SOUNDNESS_ONLY={n}), {packet.Length}-byte packet: "
                        + $"the verifier accepted it but it faulted: {result.Fault}{Environment.NewLine}{Convert.ToHexString(Instruction.ToBytes(program.Instructions.AsSpan()))}");
                    loop.Stop();
                    return;
                }
            }

            Interlocked.Add(ref run._runTicks, clock.ElapsedTicks);
        });

        return run;
    }

    /// <summary>One line: counts, the accept rate, and where the time went.</summary>
    public string Summary(string family, int seed) =>
        $"seed {seed}, {family}: {_made} programs, {_accepted} accepted ({100.0 * _accepted / Math.Max(1, _made):F1}%), {_runs} runs without a fault; "
        + $"{(double)_verifyTicks / Stopwatch.Frequency:F1} s verifying, {(double)_runTicks / Stopwatch.Frequency:F1} s running (summed over threads)";
}
