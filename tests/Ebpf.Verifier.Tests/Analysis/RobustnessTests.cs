using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;

namespace Ebpf.Verifier.Tests.Analysis;

/// <summary>Bad programs are data: whatever decodes, the verifier answers with a verdict, never an exception.</summary>
public sealed class RobustnessTests
{
    private static readonly ProgramType[] Types = [ProgramType.Xdp, ProgramType.SocketFilter, ProgramType.CgroupSockAddr, ProgramType.Unspecified];

    [Fact]
    public void Random_programs_get_a_verdict_without_an_exception()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("EBPF_TEST_SEED"), out var fixedSeed) ? fixedSeed : 20261202;
        var random = new Random(seed);
        var verified = 0;
        for (var n = 0; n < 3000; n++)
        {
            var slots = RandomProgram(random);
            if (!ProgramDecoder.TryDecode(slots, out _, out _))
            {
                continue;
            }

            var type = Types[random.Next(Types.Length)];
            var program = new ProgramSpec("fuzz", "fuzz", type, type == ProgramType.CgroupSockAddr ? AttachType.CgroupInet4Connect : null, null, [.. slots], [], []);
            try
            {
                ProgramVerifier.Verify(program, TestPrograms.Maps);
                verified++;
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException(
                    $"program {n} of seed {seed} (rerun with EBPF_TEST_SEED={seed}) threw: {failure}{Environment.NewLine}{Convert.ToHexString(Instruction.ToBytes(slots))}");
            }
        }

        Assert.True(verified > 1000, $"only {verified} random programs decoded (seed {seed})");
    }

    /// <summary>A program of forms from the opcode table with small random operands, ending in exit most of the time.</summary>
    private static Instruction[] RandomProgram(Random random)
    {
        var slots = new List<Instruction>();
        var length = random.Next(1, 24);
        while (slots.Count < length)
        {
            var form = OpCodeTable.All[random.Next(OpCodeTable.All.Length)];
            var remaining = length - slots.Count;
            var offset = form.Kind == OperationKind.Jump ? random.Next(-slots.Count - 1, remaining) : random.Next(4) == 0 ? -8 * random.Next(1, 8) : random.Next(-3, 6);
            var immediate = form.Operation switch
            {
                Operation.Call => random.Next(0, 200),
                Operation.CallLocal or Operation.Ja => random.Next(-slots.Count - 1, remaining),
                _ => random.Next(3) == 0 ? random.Next(-600, 600) : random.Next(0, 8),
            };
            var slot = new Instruction(form.Opcode, (Register)random.Next(10), (Register)random.Next(11), (short)offset, immediate);
            slot = Only(slot, form);
            if (form.Operation == Operation.LoadImm64)
            {
                slots.Add(slot with { Source = (Register)random.Next(7), Immediate = random.Next(0, 6) });
                slots.Add(new Instruction(0, 0, 0, 0, random.Next(0, 16)));
                continue;
            }

            slots.Add(slot);
        }

        if (random.Next(5) != 0)
        {
            slots.Add(new Instruction(0x95, 0, 0, 0, 0));
        }

        return [.. slots];
    }

    /// <summary>Zeroes the fields the form does not use and sets its discriminator, as a valid encoding has them.</summary>
    private static Instruction Only(Instruction slot, OpCodeInfo form)
    {
        bool Keeps(InstructionFields field) => form.Uses.HasFlag(field);
        slot = new Instruction(
            slot.Opcode,
            Keeps(InstructionFields.Destination) ? slot.Destination : 0,
            Keeps(InstructionFields.Source) ? slot.Source : 0,
            Keeps(InstructionFields.Offset) ? slot.Offset : (short)0,
            Keeps(InstructionFields.Immediate) ? slot.Immediate : 0);
        return form.Discriminator switch
        {
            InstructionFields.Offset => slot with { Offset = (short)form.DiscriminatorValue },
            InstructionFields.Immediate => slot with { Immediate = form.DiscriminatorValue },
            InstructionFields.Source => slot with { Source = (Register)form.DiscriminatorValue },
            _ => slot,
        };
    }
}
