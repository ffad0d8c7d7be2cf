using Ebpf.Core.Isa;

namespace Ebpf.Core.Tests.Isa;

public sealed class OpCodeTableTests
{
    [Fact]
    public void Every_form_is_found_from_its_own_encoding()
    {
        foreach (var form in OpCodeTable.All)
        {
            var slot = new Instruction(form.Opcode, 0, 0, 0, 0);
            slot = form.Discriminator switch
            {
                InstructionFields.Offset => slot with { Offset = (short)form.DiscriminatorValue },
                InstructionFields.Immediate => slot with { Immediate = form.DiscriminatorValue },
                InstructionFields.Source => slot with { Source = (Register)form.DiscriminatorValue },
                _ => slot,
            };
            Assert.Same(form, OpCodeTable.Find(slot));
        }
    }

    [Fact]
    public void Ids_are_dense_and_mnemonics_map_back_to_their_rows()
    {
        for (var i = 0; i < OpCodeTable.All.Length; i++)
        {
            Assert.Equal(i, OpCodeTable.All[i].Id);
            Assert.Contains(OpCodeTable.All[i], OpCodeTable.ByMnemonic[OpCodeTable.All[i].Mnemonic]);
        }
    }

    [Theory]
    [InlineData(0x07, Operation.Add, InstructionClass.Alu64)]
    [InlineData(0x0c, Operation.Add, InstructionClass.Alu)]
    [InlineData(0xbf, Operation.Mov, InstructionClass.Alu64)]
    [InlineData(0x79, Operation.Load, InstructionClass.Ldx)]
    [InlineData(0x7b, Operation.Store, InstructionClass.Stx)]
    [InlineData(0x95, Operation.Exit, InstructionClass.Jmp)]
    [InlineData(0x2d, Operation.Jgt, InstructionClass.Jmp)]
    [InlineData(0xa6, Operation.Jlt, InstructionClass.Jmp32)]
    [InlineData(0x18, Operation.LoadImm64, InstructionClass.Ld)]
    public void Well_known_opcodes_have_their_RFC_meaning(byte opcode, Operation operation, InstructionClass cls)
    {
        var form = OpCodeTable.Find(new Instruction(opcode, 0, 0, 0, 0));
        Assert.NotNull(form);
        Assert.Equal(operation, form.Operation);
        Assert.Equal(cls, form.Class);
    }

    [Fact]
    public void Offset_selects_signed_division_and_sign_extending_moves()
    {
        Assert.Equal(Operation.SDiv, OpCodeTable.Find(new Instruction(0x3f, 0, 0, 1, 0))!.Operation);
        Assert.Equal(Operation.SMod, OpCodeTable.Find(new Instruction(0x94, 0, 0, 1, 0))!.Operation);
        var movsx = OpCodeTable.Find(new Instruction(0xbf, 0, 0, 16, 0))!;
        Assert.Equal((Operation.MovSx, 16, 64), (movsx.Operation, movsx.Width, 64));
        Assert.Null(OpCodeTable.Find(new Instruction(0xbc, 0, 0, 32, 0)));
    }

    [Fact]
    public void Unknown_opcodes_have_no_forms()
    {
        foreach (byte opcode in new byte[] { 0x00, 0x8c, 0x8f, 0xdf, 0x86, 0x96, 0x99, 0x0e, 0xff })
        {
            Assert.True(OpCodeTable.FormsOf(opcode).IsEmpty, $"0x{opcode:x2}");
        }
    }
}
