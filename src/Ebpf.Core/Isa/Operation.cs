namespace Ebpf.Core.Isa;

/// <summary>What an instruction does, independent of its width and operand source.</summary>
/// <remarks>
/// Names follow RFC 9669. Together with <see cref="OpCodeInfo.Width"/> and
/// <see cref="OpCodeInfo.Source"/> an operation identifies one row of <see cref="OpCodeTable"/>.
/// </remarks>
public enum Operation : byte
{
    /// <summary><c>dst += src</c>.</summary>
    Add,
    /// <summary><c>dst -= src</c>.</summary>
    Sub,
    /// <summary><c>dst *= src</c>.</summary>
    Mul,
    /// <summary>Unsigned <c>dst /= src</c>; division by zero gives 0.</summary>
    Div,
    /// <summary>Signed <c>dst /= src</c> (v4, offset 1); division by zero gives 0.</summary>
    SDiv,
    /// <summary><c>dst |= src</c>.</summary>
    Or,
    /// <summary><c>dst &amp;= src</c>.</summary>
    And,
    /// <summary><c>dst &lt;&lt;= src</c>, the shift amount masked to the width.</summary>
    Lsh,
    /// <summary>Logical <c>dst &gt;&gt;= src</c>, the shift amount masked to the width.</summary>
    Rsh,
    /// <summary><c>dst = -dst</c>.</summary>
    Neg,
    /// <summary>Unsigned <c>dst %= src</c>; modulo by zero leaves dst unchanged.</summary>
    Mod,
    /// <summary>Signed <c>dst %= src</c> (v4, offset 1); modulo by zero leaves dst unchanged.</summary>
    SMod,
    /// <summary><c>dst ^= src</c>.</summary>
    Xor,
    /// <summary><c>dst = src</c>.</summary>
    Mov,
    /// <summary><c>dst = (sN)src</c>, sign-extending the low 8, 16 or 32 bits (v4, offset 8/16/32).</summary>
    MovSx,
    /// <summary>Arithmetic <c>dst &gt;&gt;= src</c>, the shift amount masked to the width.</summary>
    Arsh,
    /// <summary>Convert the low 16/32/64 bits of dst to little-endian order (<c>le16</c>...).</summary>
    ToLittleEndian,
    /// <summary>Convert the low 16/32/64 bits of dst to big-endian order (<c>be16</c>...).</summary>
    ToBigEndian,
    /// <summary>Unconditionally swap the low 16/32/64 bits of dst (v4 <c>bswap</c>).</summary>
    ByteSwap,

    /// <summary>Unconditional jump: 16-bit offset in the JMP class, 32-bit immediate in JMP32 (v4).</summary>
    Ja,
    /// <summary>Jump if equal.</summary>
    Jeq,
    /// <summary>Jump if unsigned greater.</summary>
    Jgt,
    /// <summary>Jump if unsigned greater or equal.</summary>
    Jge,
    /// <summary>Jump if <c>dst &amp; src</c> is non-zero.</summary>
    Jset,
    /// <summary>Jump if not equal.</summary>
    Jne,
    /// <summary>Jump if signed greater.</summary>
    Jsgt,
    /// <summary>Jump if signed greater or equal.</summary>
    Jsge,
    /// <summary>Jump if unsigned lower.</summary>
    Jlt,
    /// <summary>Jump if unsigned lower or equal.</summary>
    Jle,
    /// <summary>Jump if signed lower.</summary>
    Jslt,
    /// <summary>Jump if signed lower or equal.</summary>
    Jsle,
    /// <summary>Call the helper whose id is the immediate (source 0).</summary>
    Call,
    /// <summary>Call the local function at <c>pc + imm + 1</c> (source 1, <c>BPF_PSEUDO_CALL</c>).</summary>
    CallLocal,
    /// <summary>Call a kernel function by BTF id (source 2, <c>BPF_PSEUDO_KFUNC_CALL</c>).</summary>
    CallKfunc,
    /// <summary>Call the helper whose id is in the destination register (<c>callx</c>).</summary>
    CallX,
    /// <summary>Return from a local function, or end the program with r0.</summary>
    Exit,

    /// <summary>Load a 64-bit immediate (two slots); the source field selects a pseudo form.</summary>
    LoadImm64,
    /// <summary>Legacy packet load, absolute offset, big-endian, into r0.</summary>
    LoadPacketAbsolute,
    /// <summary>Legacy packet load, register plus offset, big-endian, into r0.</summary>
    LoadPacketIndirect,
    /// <summary><c>dst = *(uN *)(src + off)</c>, zero-extended.</summary>
    Load,
    /// <summary><c>dst = *(sN *)(src + off)</c>, sign-extended (v4).</summary>
    LoadSignExtend,
    /// <summary><c>*(uN *)(dst + off) = imm</c>.</summary>
    StoreImmediate,
    /// <summary><c>*(uN *)(dst + off) = src</c>.</summary>
    Store,
    /// <summary><c>lock *(uN *)(dst + off) += src</c>.</summary>
    AtomicAdd,
    /// <summary><c>lock *(uN *)(dst + off) |= src</c>.</summary>
    AtomicOr,
    /// <summary><c>lock *(uN *)(dst + off) &amp;= src</c>.</summary>
    AtomicAnd,
    /// <summary><c>lock *(uN *)(dst + off) ^= src</c>.</summary>
    AtomicXor,
    /// <summary>Atomic add that also returns the old value in src.</summary>
    AtomicFetchAdd,
    /// <summary>Atomic or that also returns the old value in src.</summary>
    AtomicFetchOr,
    /// <summary>Atomic and that also returns the old value in src.</summary>
    AtomicFetchAnd,
    /// <summary>Atomic xor that also returns the old value in src.</summary>
    AtomicFetchXor,
    /// <summary>Atomic exchange: src receives the old value.</summary>
    AtomicExchange,
    /// <summary>Atomic compare-and-exchange against r0; r0 receives the old value.</summary>
    AtomicCompareExchange,
}
