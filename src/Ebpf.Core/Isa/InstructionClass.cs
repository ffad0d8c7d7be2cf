namespace Ebpf.Core.Isa;

/// <summary>The three low bits of an opcode (RFC 9669 section 3).</summary>
public enum InstructionClass : byte
{
    /// <summary>Non-standard loads: <c>lddw</c> and the legacy packet loads.</summary>
    Ld = 0x0,
    /// <summary>Loads into a register.</summary>
    Ldx = 0x1,
    /// <summary>Stores of an immediate.</summary>
    St = 0x2,
    /// <summary>Stores of a register, and atomic operations.</summary>
    Stx = 0x3,
    /// <summary>32-bit arithmetic.</summary>
    Alu = 0x4,
    /// <summary>64-bit jumps, calls and exit.</summary>
    Jmp = 0x5,
    /// <summary>32-bit jumps.</summary>
    Jmp32 = 0x6,
    /// <summary>64-bit arithmetic.</summary>
    Alu64 = 0x7,
}
