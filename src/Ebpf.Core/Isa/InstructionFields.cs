namespace Ebpf.Core.Isa;

/// <summary>The fields of an instruction, as flags: which ones an opcode uses.</summary>
[Flags]
public enum InstructionFields : byte
{
    /// <summary>No field.</summary>
    None = 0,
    /// <summary>The destination register.</summary>
    Destination = 1,
    /// <summary>The source register.</summary>
    Source = 2,
    /// <summary>The signed 16-bit offset.</summary>
    Offset = 4,
    /// <summary>The 32-bit immediate.</summary>
    Immediate = 8,
}
