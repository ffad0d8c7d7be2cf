using System.Buffers.Binary;

namespace Ebpf.Core.Isa;

/// <summary>One 8-byte instruction slot, fields as encoded, not yet validated.</summary>
/// <remarks>
/// Layout (RFC 9669 section 3, little-endian host order):
/// <code>
/// byte 0      byte 1                 bytes 2-3          bytes 4-7
/// | opcode:8 | src_reg:4 dst_reg:4 | offset:16 signed | imm:32 signed |
/// </code>
/// The register nibbles may hold 11 to 15 in malformed input; <see cref="ProgramDecoder"/> rejects them.
/// The second slot of <c>lddw</c> is an instruction too, with opcode 0 and the high 32 bits in imm.
/// </remarks>
/// <param name="Opcode">The opcode byte.</param>
/// <param name="Destination">The destination register field.</param>
/// <param name="Source">The source register field.</param>
/// <param name="Offset">The signed 16-bit offset.</param>
/// <param name="Immediate">The signed 32-bit immediate.</param>
public readonly record struct Instruction(byte Opcode, Register Destination, Register Source, short Offset, int Immediate)
{
    /// <summary>Size of one slot in bytes.</summary>
    public const int Size = 8;

    /// <summary>Reads a slot from the first 8 bytes of <paramref name="bytes"/>.</summary>
    public static Instruction Read(ReadOnlySpan<byte> bytes) => new(
        bytes[0],
        (Register)(bytes[1] & 0x0f),
        (Register)(bytes[1] >> 4),
        BinaryPrimitives.ReadInt16LittleEndian(bytes[2..]),
        BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]));

    /// <summary>Reads a slot from its 64-bit little-endian value, as the conformance suite writes <c>-- raw</c> words.</summary>
    public static Instruction FromUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Read(bytes);
    }

    /// <summary>Writes the slot into the first 8 bytes of <paramref name="bytes"/>.</summary>
    public void Write(Span<byte> bytes)
    {
        bytes[0] = Opcode;
        bytes[1] = (byte)(((int)Source << 4) | ((int)Destination & 0x0f));
        BinaryPrimitives.WriteInt16LittleEndian(bytes[2..], Offset);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], Immediate);
    }

    /// <summary>The class in the three low bits of the opcode.</summary>
    public InstructionClass Class => (InstructionClass)(Opcode & 0x07);

    /// <summary>The raw value of one field, for validation against <see cref="OpCodeInfo"/>.</summary>
    public int Field(InstructionFields field) => field switch
    {
        InstructionFields.Destination => (int)Destination,
        InstructionFields.Source => (int)Source,
        InstructionFields.Offset => Offset,
        InstructionFields.Immediate => Immediate,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Exactly one field is expected."),
    };

    /// <summary>Encodes a whole program.</summary>
    public static byte[] ToBytes(ReadOnlySpan<Instruction> instructions)
    {
        var bytes = new byte[instructions.Length * Size];
        for (var i = 0; i < instructions.Length; i++)
        {
            instructions[i].Write(bytes.AsSpan(i * Size));
        }

        return bytes;
    }
}
