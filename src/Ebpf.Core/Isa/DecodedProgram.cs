using System.Collections.Immutable;

namespace Ebpf.Core.Isa;

/// <summary>
/// A program whose every slot was validated by <see cref="ProgramDecoder"/>: each instruction has a
/// known form, its unused fields are zero, and its jumps land on instructions inside the program.
/// </summary>
public sealed class DecodedProgram
{
    private readonly ImmutableArray<OpCodeInfo?> _forms;

    internal DecodedProgram(ImmutableArray<Instruction> slots, ImmutableArray<OpCodeInfo?> forms)
    {
        Slots = slots;
        _forms = forms;
    }

    /// <summary>All slots, the second half of each <c>lddw</c> included.</summary>
    public ImmutableArray<Instruction> Slots { get; }

    /// <summary>Number of slots.</summary>
    public int Count => Slots.Length;

    /// <summary>The form of the instruction at <paramref name="index"/>; null for the second slot of <c>lddw</c>.</summary>
    public OpCodeInfo? FormAt(int index) => _forms[index];

    /// <summary>The 64-bit immediate of the <c>lddw</c> at <paramref name="index"/>.</summary>
    public ulong Immediate64At(int index) =>
        (uint)Slots[index].Immediate | ((ulong)(uint)Slots[index + 1].Immediate << 32);

    /// <summary>The slot index a jump or local call at <paramref name="index"/> goes to.</summary>
    public int TargetOf(int index) => ProgramDecoder.TargetOf(Slots[index], _forms[index]!, index);

    /// <summary>The encoded bytes.</summary>
    public byte[] ToBytes() => Instruction.ToBytes(Slots.AsSpan());
}
