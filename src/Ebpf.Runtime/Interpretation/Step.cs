using Ebpf.Core.Isa;

namespace Ebpf.Runtime.Interpretation;

/// <summary>An instruction prepared for the interpreter: fields unpacked, targets resolved, register masks computed.</summary>
internal readonly struct Step
{
    public Step(DecodedProgram program, int index)
    {
        var slot = program.Slots[index];
        var form = program.FormAt(index);
        if (form is null)
        {
            // The second slot of lddw is never executed: jumps into it were refused by the decoder.
            Operation = Operation.Exit;
            return;
        }

        Operation = form.Operation;
        Width = (byte)form.Width;
        Is32Bit = form.Is32Bit && form.Operation is not (Operation.ToLittleEndian or Operation.ToBigEndian or Operation.ByteSwap);
        UsesRegister = form.Source == OperandSource.Register;
        Destination = (byte)slot.Destination;
        Source = (byte)slot.Source;
        Offset = slot.Offset;
        Immediate = slot.Immediate;
        Reads = RegisterUsage.Reads(slot, form);
        Writes = RegisterUsage.Writes(slot, form) is { } written ? RegisterUsage.Bit(written) : (ushort)0;
        if (form.Operation == Operation.LoadImm64)
        {
            Immediate64 = program.Immediate64At(index);
            Target = index + 1 + slot.Immediate; // a function's slot, for code-address references
        }
        else if (form.Kind == OperationKind.Jump || form.Operation == Operation.CallLocal)
        {
            Target = program.TargetOf(index);
        }
    }

    public Operation Operation { get; }

    public byte Width { get; }

    public bool Is32Bit { get; }

    public bool UsesRegister { get; }

    public byte Destination { get; }

    public byte Source { get; }

    public short Offset { get; }

    public int Immediate { get; }

    public ulong Immediate64 { get; }

    public int Target { get; }

    public ushort Reads { get; }

    public ushort Writes { get; }

    /// <summary>The pseudo source of an lddw (0 for a plain immediate).</summary>
    public LoadImm64Source PseudoSource => (LoadImm64Source)Source;
}
