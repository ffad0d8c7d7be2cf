namespace Ebpf.Core.Isa;

/// <summary>Where the second operand of an instruction comes from (bit 3 of the opcode, <c>BPF_K</c>/<c>BPF_X</c>).</summary>
public enum OperandSource : byte
{
    /// <summary>The instruction has no second operand.</summary>
    None,
    /// <summary>The 32-bit immediate, sign-extended where the operation is 64-bit (<c>BPF_K</c>).</summary>
    Immediate,
    /// <summary>The source register (<c>BPF_X</c>).</summary>
    Register,
}
