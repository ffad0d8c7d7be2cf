namespace Ebpf.Core.Isa;

/// <summary>One valid instruction form: a row of <see cref="OpCodeTable"/>.</summary>
/// <remarks>
/// Some opcodes carry several forms told apart by another field, the <em>discriminator</em>:
/// the offset for <c>div</c>/<c>sdiv</c>, <c>mod</c>/<c>smod</c> and <c>mov</c>/<c>movsx</c>, the immediate for
/// byte swaps and atomics, the source field for calls. Every field that is neither used nor the
/// discriminator must be zero (RFC 9669 section 3).
/// </remarks>
public sealed class OpCodeInfo
{
    internal OpCodeInfo(
        int id,
        byte opcode,
        Operation operation,
        int width,
        OperandSource source,
        InstructionFields uses,
        InstructionFields discriminator,
        int discriminatorValue,
        string mnemonic)
    {
        Id = id;
        Opcode = opcode;
        Operation = operation;
        Width = width;
        Source = source;
        Uses = uses;
        Discriminator = discriminator;
        DiscriminatorValue = discriminatorValue;
        Mnemonic = mnemonic;
    }

    /// <summary>Dense index of this row in <see cref="OpCodeTable.All"/>.</summary>
    public int Id { get; }

    /// <summary>The opcode byte.</summary>
    public byte Opcode { get; }

    /// <summary>What the instruction does.</summary>
    public Operation Operation { get; }

    /// <summary>
    /// Width in bits: of the operation for arithmetic and jumps (32 or 64), of the memory access for
    /// loads, stores and atomics (8 to 64), of the swapped value for byte swaps, and of the source
    /// for <c>movsx</c>.
    /// </summary>
    public int Width { get; }

    /// <summary>Where the second operand comes from.</summary>
    public OperandSource Source { get; }

    /// <summary>The fields that carry operands.</summary>
    public InstructionFields Uses { get; }

    /// <summary>The field that tells this form apart from others with the same opcode, if any.</summary>
    public InstructionFields Discriminator { get; }

    /// <summary>The value <see cref="Discriminator"/> must have.</summary>
    public int DiscriminatorValue { get; }

    /// <summary>The mnemonic of the conformance-suite assembler syntax (<c>add32</c>, <c>ldxdw</c>, <c>lock fetch add</c>).</summary>
    public string Mnemonic { get; }

    /// <summary>The instruction class: the three low bits of the opcode.</summary>
    public InstructionClass Class => (InstructionClass)(Opcode & 0x07);

    /// <summary>True when the operation works on 32-bit values (ALU and JMP32 classes).</summary>
    public bool Is32Bit => Class is InstructionClass.Alu or InstructionClass.Jmp32;

    /// <summary>The broad family of the operation.</summary>
    public OperationKind Kind => Operation switch
    {
        <= Operation.ByteSwap => OperationKind.Arithmetic,
        <= Operation.Jsle => OperationKind.Jump,
        <= Operation.CallX => OperationKind.Call,
        Operation.Exit => OperationKind.Exit,
        <= Operation.LoadSignExtend => OperationKind.Load,
        <= Operation.Store => OperationKind.Store,
        _ => OperationKind.Atomic,
    };

    /// <summary>Number of 8-byte slots the instruction occupies: 2 for <c>lddw</c>, otherwise 1.</summary>
    public int SlotCount => Operation == Operation.LoadImm64 ? 2 : 1;

    /// <summary>True for jumps whose target is in the immediate rather than the offset (<c>ja32</c>, <c>gotol</c>).</summary>
    public bool JumpTargetInImmediate => Operation == Operation.Ja && Class == InstructionClass.Jmp32;

    /// <inheritdoc />
    public override string ToString() => $"{Mnemonic} (0x{Opcode:x2})";
}
