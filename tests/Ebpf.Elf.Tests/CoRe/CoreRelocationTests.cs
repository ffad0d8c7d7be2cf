using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf.Btf;
using Ebpf.Elf.CoRe;

namespace Ebpf.Elf.Tests.CoRe;

/// <summary>
/// core_local.c compiled against its own layout, relocated against core_target.c's: the expected offsets are the C
/// layout of core_target.c's struct record, worked out by hand (head 0, tag 4, b 6, extra 8, w 16, x 20, the bitfield
/// word 24, size 40), and the enum's values there (MODE_B = 20).
/// </summary>
public sealed class CoreRelocationTests
{
    private static readonly ObjectSpec Relocated = CoreObjects.Local(CoreObjects.Target("core_target.o"));

    private static Instruction Load(string program) =>
        Relocated.FindProgram(program)!.Instructions.Single(i => (InstructionClass)(i.Opcode & 7) == InstructionClass.Ldx && i.Destination == Register.R0);

    [Fact]
    public void A_field_load_moves_to_the_targets_offset()
    {
        var load = Load("read_b");
        Assert.Equal(6, load.Offset);
        Assert.Equal(0x71, load.Opcode); // still a byte load
    }

    [Fact]
    public void A_field_that_widened_in_the_target_is_loaded_at_its_new_width()
    {
        // __u16 w at 2 locally, __u32 w at 16 in the target: unsigned, so the load may widen (ldxh becomes ldxw).
        var load = Load("read_w");
        Assert.Equal(16, load.Offset);
        Assert.Equal(0x61, load.Opcode);
    }

    [Fact]
    public void A_field_the_target_lacks_poisons_its_load_and_is_reported()
    {
        var program = Relocated.FindProgram("reads_gone")!;
        Assert.Contains(program.Instructions, CoreRelocationPoison.IsPoisoned);
        Assert.Contains(Relocated.Warnings, w => w.Code == DiagnosticCode.UnresolvedCoreRelocation && w.Message.Contains("record___local", StringComparison.Ordinal));
    }

    [Fact]
    public void Field_existence_becomes_a_constant_zero_when_the_target_lacks_the_field()
    {
        var program = Relocated.FindProgram("guarded_gone")!;
        var original = ObjectReader.ReadFile(CoreObjects.PathOf("core_local.o"), ObjectReadOptions.Hermetic with { TargetBtf = Relocated.Btf }).FindProgram("guarded_gone")!;

        // Against its own types every field exists, so nothing is poisoned; against the target's, gone does not.
        Assert.DoesNotContain(original.Instructions, CoreRelocationPoison.IsPoisoned);
        Assert.Contains(program.Instructions, CoreRelocationPoison.IsPoisoned);
    }

    [Theory]
    [InlineData("type_size", 40)]
    [InlineData("type_missing", 10)]
    [InlineData("enum_value", 20)]
    [InlineData("enum_gone", 0)]
    public void Type_and_enum_relocations_become_the_targets_constants(string program, int expected)
    {
        // These programs are a constant move and an exit; any addition of a constant was folded by clang into the relocated immediate's use.
        var instructions = Relocated.FindProgram(program)!.Instructions;
        var value = Run(instructions);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void A_target_type_id_is_the_id_of_the_matching_type_in_the_target()
    {
        var target = CoreObjects.Target("core_target.o");
        var record = target.FindByName("record", BtfKind.Struct)!;
        Assert.Equal(record.Id, Run(Relocated.FindProgram("type_id_target")!.Instructions));
    }

    [Fact]
    public void Types_match_when_every_local_member_and_enumerator_is_in_the_target()
    {
        // clang 14 cannot emit bpf_core_type_matches, so the rule is tested on the two objects' types directly.
        var local = Relocated.Btf!;
        var target = CoreObjects.Target("core_target.o");
        int Id(BtfSpec btf, string name, BtfKind kind) => btf.FindByName(name, kind)!.Id;

        // The local record has 'gone', which the target's lacks; the target's record matches itself.
        Assert.False(CoreCompatibility.TypesMatch(local, Id(local, "record___local", BtfKind.Struct), target, Id(target, "record", BtfKind.Struct)));
        Assert.True(CoreCompatibility.TypesMatch(target, Id(target, "record", BtfKind.Struct), target, Id(target, "record", BtfKind.Struct)));
        // Enums: every enumerator of the first must be named in the second (MODE_GONE is not in the target's).
        Assert.False(CoreCompatibility.TypesMatch(local, Id(local, "mode___local", BtfKind.Enum), target, Id(target, "mode", BtfKind.Enum)));
        Assert.True(CoreCompatibility.TypesMatch(target, Id(target, "mode", BtfKind.Enum), local, Id(local, "mode___local", BtfKind.Enum)));
    }

    [Fact]
    public void An_ambiguous_target_refuses_the_object_naming_both_candidates()
    {
        var diagnostic = Assert.Single(CoreObjects.Refusal("core_local.o", ObjectReadOptions.Hermetic with { TargetBtf = CoreObjects.Target("core_ambiguous.o") }));
        Assert.Equal(DiagnosticCode.CoreRelocationFailed, diagnostic.Code);
        Assert.Contains("record___one", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("record___two", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_target_the_read_asks_for_btf()
    {
        var diagnostic = Assert.Single(CoreObjects.Refusal("core_local.o", ObjectReadOptions.Hermetic));
        Assert.Equal(DiagnosticCode.CoreTargetBtfRequired, diagnostic.Code);
        Assert.Contains("--btf", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_btf_is_refused_as_a_target()
    {
        Assert.False(TargetBtfFile.TryRead(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, "junk", out _, out var problem));
        Assert.Equal(DiagnosticCode.InvalidTargetBtf, problem.Code);
    }

    [Fact]
    public void Raw_btf_and_an_elf_file_holding_it_give_the_same_target()
    {
        var elf = File.ReadAllBytes(CoreObjects.PathOf("core_target.o"));
        var fromElf = CoreObjects.Target("core_target.o");
        var section = Ebpf.Elf.Format.ElfFile.Parse(elf).Find(BtfSpec.SectionName)!;
        Assert.True(TargetBtfFile.TryRead(section.Data, "raw", out var fromRaw, out _));
        Assert.Equal(fromElf.Types.Length, fromRaw.Types.Length);
        Assert.Equal(Relocated.Programs, CoreObjects.Local(fromRaw).Programs, (a, b) => a.Instructions.SequenceEqual(b.Instructions));
    }

    [Theory]
    [InlineData("task_struct", "task_struct")]
    [InlineData("task_struct___v2", "task_struct")]
    [InlineData("task_struct___v2___old", "task_struct___v2")]
    [InlineData("a___b", "a")]
    [InlineData("__task", "__task")]
    [InlineData("x____y", "x____y")]
    [InlineData("x___", "x___")]
    public void Flavour_suffixes_are_stripped_as_libbpf_strips_them(string name, string essential) =>
        Assert.Equal(essential, CoreTypes.EssentialName(name));

    /// <summary>The r0 of a straight-line program of constant moves and ALU with constants, ending in exit.</summary>
    private static long Run(System.Collections.Immutable.ImmutableArray<Instruction> instructions)
    {
        long r0 = 0;
        for (var i = 0; i < instructions.Length; i++)
        {
            var insn = instructions[i];
            switch (insn.Opcode)
            {
                case 0x18 when insn.Destination == Register.R0:
                    r0 = (long)((uint)insn.Immediate | ((ulong)(uint)instructions[++i].Immediate << 32));
                    break;
                case 0xb7 or 0xb4 when insn.Destination == Register.R0:
                    r0 = insn.Immediate;
                    break;
                case 0x07 or 0x04 when insn.Destination == Register.R0:
                    r0 += insn.Immediate;
                    break;
                case 0x95:
                    return r0;
                default:
                    Assert.Fail($"unexpected instruction {insn} in a constant program");
                    break;
            }
        }

        return r0;
    }
}
