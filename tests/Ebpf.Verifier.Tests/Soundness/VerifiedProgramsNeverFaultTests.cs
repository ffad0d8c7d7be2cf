using System.Collections.Concurrent;
using System.Diagnostics;
using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;
using Xunit.Abstractions;

namespace Ebpf.Verifier.Tests.Soundness;

/// <summary>
/// Soundness as a property: mutants of real XDP programs (clang's code for the benchmarks that use no maps) that the
/// verifier accepts never fault in the checked interpreter, on packets of random lengths and bytes.
/// </summary>
public sealed class VerifiedProgramsNeverFaultTests(ITestOutputHelper output)
{
    private static readonly string[] Seeds = ["xdp_checksum.o", "xdp_hash_payload.o", "xdp_pass.o"];

    /// <summary>
    /// Mutants per run: about 10 ms of CPU each, nearly all of it verifying (the checksum and hash loops are walked trip by
    /// trip, 50 and 15 ms a mutant; running the accepted ones costs a fifteenth of that), so 10,000 take about a minute
    /// of the 2 cores. <c>EBPF_SOUNDNESS_MUTANTS</c> asks for another count.
    /// </summary>
    private const int DefaultMutants = 10_000;

    [Fact]
    public void Accepted_mutants_of_the_benchmarks_never_fault_in_the_checked_interpreter()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("EBPF_TEST_SEED"), out var fixedSeed) ? fixedSeed : 5_2026;
        var count = int.TryParse(Environment.GetEnvironmentVariable("EBPF_SOUNDNESS_MUTANTS"), out var asked) && asked > 0 ? asked : DefaultMutants;
        var originals = Seeds.Select(f => ObjectReader.ReadFile(Path.Combine(RepositoryPaths.Shared, "bench", f)).Programs[0]).ToArray();
        int accepted = 0, runs = 0;
        long verifyTicks = 0, runTicks = 0;
        var faults = new ConcurrentQueue<string>();

        // Each mutant draws from its own generator (seed, index), so a failure reproduces whatever the threads did.
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (n, loop) =>
        {
            var random = new Random(HashCode.Combine(seed, n));
            var original = originals[random.Next(originals.Length)];
            var slots = original.Instructions.ToArray();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                Mutate(slots, random);
            }

            if (!ProgramDecoder.TryDecode(slots, out var decoded, out _))
            {
                return;
            }

            var mutant = original with { Instructions = [.. slots] };
            var clock = Stopwatch.StartNew();
            var verdict = ProgramVerifier.Verify(mutant, []);
            Interlocked.Add(ref verifyTicks, clock.ElapsedTicks);
            if (!verdict.IsAccepted)
            {
                return;
            }

            clock.Restart();

            Interlocked.Increment(ref accepted);
            var executable = Engines.Prepare(EngineKind.Interpreter, decoded!, LinuxHelpers.Table, new ExecutionOptions(Checked: true, InstructionBudget: 10_000_000));
            for (var p = 0; p < 4; p++)
            {
                var packet = new byte[random.Next(14, 200)];
                random.NextBytes(packet);
                var result = TestRun.Run(executable, ProgramType.Xdp, new TestRunOptions(packet));
                Interlocked.Increment(ref runs);
                if (result.Fault is not null)
                {
                    faults.Enqueue($"seed {seed} (rerun with EBPF_TEST_SEED={seed}), mutant {n} of {original.Name}, {packet.Length}-byte packet: the verifier accepted it but it faulted: {result.Fault}{Environment.NewLine}{Convert.ToHexString(Instruction.ToBytes(slots))}");
                    loop.Stop();
                    return;
                }
            }

            Interlocked.Add(ref runTicks, clock.ElapsedTicks);
        });

        output.WriteLine($"seed {seed}: {count} mutants, {accepted} accepted, {runs} runs without a fault; "
            + $"{(double)verifyTicks / Stopwatch.Frequency:F1} s verifying, {(double)runTicks / Stopwatch.Frequency:F1} s running (summed over threads)");
        Assert.True(faults.IsEmpty, string.Join(Environment.NewLine, faults));
        Assert.True(accepted >= count / 20, $"only {accepted} of {count} mutants were accepted (seed {seed}); the property tested too little");
    }

    /// <summary>Changes one field of one instruction a little: an offset, an immediate, a register or a jump's condition.</summary>
    private static void Mutate(Instruction[] slots, Random random)
    {
        var i = random.Next(slots.Length);
        var slot = slots[i];
        slots[i] = random.Next(5) switch
        {
            0 => slot with { Offset = (short)(slot.Offset + random.Next(-4, 5)) },
            1 => slot with { Immediate = slot.Immediate + random.Next(-8, 9) },
            2 => slot with { Destination = (Register)random.Next(10) },
            3 => slot with { Source = slot.Source <= Register.R10 && slot.Opcode != 0x18 ? (Register)random.Next(11) : slot.Source },
            _ => (slot.Opcode & 0x07) is 0x05 or 0x06 && (slot.Opcode >> 4) is >= 1 and <= 0xd and not 8 and not 9
                ? slot with { Opcode = (byte)((slot.Opcode & 0x0f) | (JumpCodes[random.Next(JumpCodes.Length)] << 4)) }
                : slot,
        };
    }

    private static readonly int[] JumpCodes = [0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0xa, 0xb, 0xc, 0xd];
}
