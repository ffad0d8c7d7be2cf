using Ebpf.Core.Isa;
using FsCheck;
using FsCheck.Fluent;

namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>Valid instructions of any form: used fields set, the discriminator in place, other fields zero.</summary>
internal static class InstructionSamples
{
    /// <summary>Any valid instruction with its slots (two for <c>lddw</c>).</summary>
    public static Gen<Instruction[]> Any { get; } =
        from form in Gen.Elements(OpCodeTable.All.ToArray())
        from dst in Gen.Choose(0, 10)
        from src in Gen.Choose(0, 10)
        from offset in Gen.OneOf(Gen.Choose(-4, 4), Gen.Choose(short.MinValue, short.MaxValue))
        from imm in AnyInt()
        from high in AnyInt()
        from pseudo in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 6)))
        select Build(form, (Register)dst, (Register)src, (short)offset, imm, high, pseudo);

    /// <summary>Builds one instruction of <paramref name="form"/>; fields the form does not use are dropped.</summary>
    public static Instruction[] Build(OpCodeInfo form, Register dst, Register src, short offset, int imm, int high = 0, int pseudo = 0)
    {
        var uses = form.Uses;
        var slot = new Instruction(
            form.Opcode,
            uses.HasFlag(InstructionFields.Destination) ? dst : 0,
            uses.HasFlag(InstructionFields.Source) ? src : 0,
            uses.HasFlag(InstructionFields.Offset) ? offset : (short)0,
            uses.HasFlag(InstructionFields.Immediate) ? imm : 0);
        slot = form.Discriminator switch
        {
            InstructionFields.Offset => slot with { Offset = (short)form.DiscriminatorValue },
            InstructionFields.Immediate => slot with { Immediate = form.DiscriminatorValue },
            InstructionFields.Source => slot with { Source = (Register)form.DiscriminatorValue },
            _ => slot,
        };

        return form.Operation == Operation.LoadImm64
            ? [slot with { Source = (Register)pseudo }, new Instruction(0, 0, 0, 0, high)]
            : [slot];
    }

    /// <summary>The 64-bit value of an <c>lddw</c> built here.</summary>
    public static ulong Immediate64(Instruction[] slots) =>
        (uint)slots[0].Immediate | ((ulong)(uint)slots[1].Immediate << 32);

    private static Gen<int> AnyInt() => Gen.OneOf(
        Gen.Choose(-20, 20),
        Gen.Choose(int.MinValue, int.MaxValue),
        Gen.Elements(int.MinValue, int.MaxValue, -1, 0, short.MinValue - 1, short.MaxValue + 1));
}
