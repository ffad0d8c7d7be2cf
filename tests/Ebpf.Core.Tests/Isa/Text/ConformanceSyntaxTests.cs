using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Core.Tests.Isa.Text;

public sealed class ConformanceSyntaxTests
{
    [Fact]
    public void The_operands_of_every_form_fill_exactly_the_fields_it_uses()
    {
        foreach (var form in OpCodeTable.All)
        {
            var filled = InstructionFields.None;
            foreach (var operand in ConformanceSyntax.OperandsOf(form))
            {
                filled |= operand switch
                {
                    OperandKind.Destination => InstructionFields.Destination,
                    OperandKind.Source => InstructionFields.Source,
                    OperandKind.Immediate => InstructionFields.Immediate,
                    OperandKind.Immediate64 => InstructionFields.Immediate | InstructionFields.Source,
                    OperandKind.SourceMemory => InstructionFields.Source | InstructionFields.Offset,
                    OperandKind.DestinationMemory => InstructionFields.Destination | InstructionFields.Offset,
                    _ => ConformanceSyntax.TargetInImmediate(form) ? InstructionFields.Immediate : InstructionFields.Offset,
                };
            }

            Assert.True(form.Uses == filled, $"{form}: uses {form.Uses}, operands fill {filled}");
        }
    }

    [Fact]
    public void Rows_sharing_a_mnemonic_differ_only_in_register_or_immediate_operands()
    {
        foreach (var (mnemonic, rows) in OpCodeTable.ByMnemonic)
        {
            var shapes = rows.Select(ConformanceSyntax.OperandsOf).ToArray();
            Assert.All(shapes, s => Assert.Equal(shapes[0].Length, s.Length));
            for (var i = 0; i < shapes[0].Length; i++)
            {
                var kinds = shapes.Select(s => s[i]).Distinct().ToArray();
                Assert.True(kinds.Length == 1 || kinds.Order().SequenceEqual([OperandKind.Source, OperandKind.Immediate]),
                    $"{mnemonic}: operand {i} is {string.Join(" or ", kinds)}");
            }

            Assert.Equal(rows.Length, rows.Select(r => r.Source).Distinct().Count());
        }
    }

    [Fact]
    public void Aliases_name_existing_mnemonics()
    {
        Assert.All(ConformanceSyntax.Aliases.Values, m => Assert.True(OpCodeTable.ByMnemonic.ContainsKey(m), m));
    }
}
