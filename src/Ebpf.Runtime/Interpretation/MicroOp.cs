using System.Runtime.InteropServices;

namespace Ebpf.Runtime.Interpretation;

/// <summary>
/// One step of the unchecked interpreter's micro-code: 16 bytes, at the slot of the instruction it starts from (so
/// jump targets, return addresses and fault positions stay instruction indices), immediates already sign-extended
/// where the operation reads them as 64 bits.
/// </summary>
/// <remarks>
/// <code>
/// byte 0    1    2    3    4..7            8..11          12..15
///      code dst  src  other target/offset  immediate      count delta
///                                          (bytes 8..15: the 64-bit immediate of lddw)
/// </code>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct MicroOp
{
    /// <summary>What to do.</summary>
    [FieldOffset(0)]
    public MicroCode Code;

    /// <summary>The destination register.</summary>
    [FieldOffset(1)]
    public byte Dst;

    /// <summary>The source register.</summary>
    [FieldOffset(2)]
    public byte Src;

    /// <summary>A third register, of fused operations.</summary>
    [FieldOffset(3)]
    public byte Other;

    /// <summary>A jump's or local call's target slot; a load's or store's offset.</summary>
    [FieldOffset(4)]
    public int Target;

    /// <summary>The 32-bit immediate.</summary>
    [FieldOffset(8)]
    public int Imm;

    /// <summary>
    /// What a taken jump or a local call adds to the run's count bias: the instructions of the straight run it ends
    /// less those a straight run from slot 0 would have executed before the target (see <see cref="MicroProgram"/>).
    /// </summary>
    [FieldOffset(12)]
    public int Delta;

    /// <summary>The value of <c>lddw</c>.</summary>
    [FieldOffset(8)]
    public ulong Wide;
}
