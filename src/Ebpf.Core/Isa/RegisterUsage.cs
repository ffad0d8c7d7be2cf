namespace Ebpf.Core.Isa;

/// <summary>
/// Which registers an instruction reads and writes, as bit masks (bit n for rn): used to reject writes to
/// r10, to catch reads of unset registers in checked runs, and by the verifier.
/// </summary>
public static class RegisterUsage
{
    /// <summary>r1 to r5: the arguments, clobbered by every call.</summary>
    public const ushort ArgumentRegisters = 0b11_1110;

    /// <summary>r6 to r9: preserved across calls.</summary>
    public const ushort CalleeSavedRegisters = 0b11_1100_0000;

    /// <summary>The bit of one register.</summary>
    public static ushort Bit(Register register) => (ushort)(1 << (int)register);

    /// <summary>The registers the instruction reads (helper arguments excepted: they depend on the helper).</summary>
    public static ushort Reads(in Instruction slot, OpCodeInfo form)
    {
        var dst = Bit(slot.Destination);
        var src = form.Uses.HasFlag(InstructionFields.Source) ? Bit(slot.Source) : (ushort)0;
        return form.Operation switch
        {
            Operation.Mov or Operation.MovSx => src,
            Operation.Ja or Operation.Call or Operation.CallLocal or Operation.CallKfunc or Operation.LoadImm64 => 0,
            Operation.Exit => Bit(Register.R0),
            Operation.Load or Operation.LoadSignExtend => src,
            Operation.LoadPacketAbsolute => Bit(Register.R6),
            Operation.LoadPacketIndirect => (ushort)(Bit(Register.R6) | src),
            Operation.AtomicCompareExchange => (ushort)(dst | src | Bit(Register.R0)),
            _ => (ushort)(dst | src),
        };
    }

    /// <summary>The register the instruction writes, if any; calls also clobber r1 to r5.</summary>
    public static Register? Writes(in Instruction slot, OpCodeInfo form) => form.Kind switch
    {
        OperationKind.Arithmetic => slot.Destination,
        OperationKind.Load when form.Operation is Operation.LoadPacketAbsolute or Operation.LoadPacketIndirect => Register.R0,
        OperationKind.Load => slot.Destination,
        OperationKind.Call => Register.R0,
        OperationKind.Atomic when form.Operation == Operation.AtomicCompareExchange => Register.R0,
        OperationKind.Atomic when form.Operation >= Operation.AtomicFetchAdd => slot.Source,
        _ => null,
    };
}
