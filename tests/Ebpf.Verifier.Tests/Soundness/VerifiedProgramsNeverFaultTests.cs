using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Testing;
using Xunit.Abstractions;

namespace Ebpf.Verifier.Tests.Soundness;

/// <summary>
/// Soundness as a property: programs the verifier accepts never fault in the checked interpreter, on packets of random
/// lengths and bytes. Two families: many short random programs (<see cref="RandomPrograms"/>) and mutants of them, cheap
/// to verify; and fewer mutants of real XDP programs with loops (clang's code for the benchmarks that use no maps).
/// </summary>
public sealed class VerifiedProgramsNeverFaultTests(ITestOutputHelper output)
{
    private static readonly string[] Seeds = ["xdp_checksum.o", "xdp_hash_payload.o", "xdp_pass.o"];

    /// <summary>
    /// Random programs per run (half of them mutated after generation): a fraction of a millisecond each to verify
    /// and run, so 30,000 take well under a minute of the 2 cores. <c>EBPF_SOUNDNESS_PROGRAMS</c> asks for another count.
    /// </summary>
    private const int DefaultPrograms = 30_000;

    /// <summary>
    /// Mutants of the benchmarks per run: their loops make each cost milliseconds to verify, so fewer.
    /// <c>EBPF_SOUNDNESS_MUTANTS</c> asks for another count.
    /// </summary>
    private const int DefaultMutants = 1_000;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("EBPF_TEST_SEED"), out var fixedSeed) ? fixedSeed : 5_2026;

    [Fact]
    public void Accepted_random_programs_and_their_mutants_never_fault_in_the_checked_interpreter()
    {
        var count = Count("EBPF_SOUNDNESS_PROGRAMS", DefaultPrograms);
        var run = SoundnessRun.Check(Seed, count, random =>
        {
            var slots = RandomPrograms.Generate(random);
            for (var m = random.Next(2) == 0 ? 0 : random.Next(1, 4); m > 0; m--)
            {
                Mutate(slots, random);
            }

            return new ProgramSpec("generated", "xdp", ProgramType.Xdp, null, null, [.. slots], [], []);
        });

        output.WriteLine(run.Summary("random programs", Seed));
        Assert.True(run.Faults.Count == 0, string.Join(Environment.NewLine, run.Faults));
        if (SoundnessRun.Rerun)
        {
            return;
        }

        Assert.True(run.Accepted >= run.Made / 10, $"only {run.Accepted} of {run.Made} random programs were accepted (seed {Seed}); the property tested too little");
        Assert.True(run.Accepted <= run.Made * 9 / 10, $"{run.Accepted} of {run.Made} random programs were accepted (seed {Seed}): the generator makes too few unsafe ones to test the line");
    }

    [Fact]
    public void Accepted_mutants_of_the_benchmarks_never_fault_in_the_checked_interpreter()
    {
        var count = Count("EBPF_SOUNDNESS_MUTANTS", DefaultMutants);
        var originals = Seeds.Select(f => ObjectReader.ReadFile(Path.Combine(RepositoryPaths.Shared, "bench", f)).Programs[0]).ToArray();
        var run = SoundnessRun.Check(Seed, count, random =>
        {
            var original = originals[random.Next(originals.Length)];
            var slots = original.Instructions.ToArray();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                Mutate(slots, random);
            }

            return original with { Instructions = [.. slots] };
        });

        output.WriteLine(run.Summary("benchmark mutants", Seed));
        Assert.True(run.Faults.Count == 0, string.Join(Environment.NewLine, run.Faults));
        Assert.True(SoundnessRun.Rerun || run.Accepted >= count / 20, $"only {run.Accepted} of {count} mutants were accepted (seed {Seed}); the property tested too little");
    }

    private static int Count(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var asked) && asked > 0 ? asked : fallback;

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
