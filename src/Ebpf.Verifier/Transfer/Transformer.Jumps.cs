using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

internal sealed partial class Transformer
{
    /// <summary>A conditional jump may compare numbers, pointers into one region, or a pointer with 0 for equality.</summary>
    private void CheckJump(AbstractState state, int pc, in Instruction slot, OpCodeInfo form)
    {
        if (form.Operation == Operation.Ja)
        {
            return;
        }

        var dst = (int)slot.Destination;
        var left = state.Registers[dst];
        var right = form.Source == OperandSource.Register ? state.Registers[(int)slot.Source] : AbstractType.Number;
        if (left.Kind == ValueKind.Number && right.Kind == ValueKind.Number)
        {
            return;
        }

        var src = form.Source == OperandSource.Register ? (int)slot.Source : -1;
        string? problem = null;
        if (left.Kind == ValueKind.Mixed || right.Kind == ValueKind.Mixed)
        {
            problem = "a register holds values of different types on different paths";
        }
        else if (form.Is32Bit)
        {
            problem = "32-bit comparisons do not apply to pointers";
        }
        else if (left.IsPointer && right.IsPointer)
        {
            if (!SameRegion(left, right) || left.MaybeNull || right.MaybeNull || form.Operation == Operation.Jset)
            {
                problem = $"{Name(dst)} ({Describe(state, dst)}) and {Name(src)} ({Describe(state, src)}) point into different regions, or one may be null";
            }
        }
        else
        {
            var number = left.IsPointer ? src : dst;
            var isZero = number < 0 ? slot.Immediate == 0 : Signed(state, number) is { IsSingleton: true } z && z.Lower == 0;
            if (!isZero || form.Operation is not (Operation.Jeq or Operation.Jne))
            {
                problem = $"{form.Mnemonic} compares {Name(left.IsPointer ? dst : src)} ({Describe(state, left.IsPointer ? dst : src)}) with a number: a pointer compares only for equality with 0";
            }
        }

        if (problem is not null)
        {
            Fail(state, pc, DiagnosticCode.PointerComparison, problem);
        }
    }

    /// <summary>Refines <paramref name="state"/> with the outcome of the conditional jump at <paramref name="pc"/>.</summary>
    private void Assume(AbstractState state, int pc, bool taken)
    {
        var slot = _program.Slots[pc];
        var form = _program.FormAt(pc)!;
        var dst = (int)slot.Destination;
        var src = form.Source == OperandSource.Register ? (int)slot.Source : -1;
        var left = state.Registers[dst];
        var right = src >= 0 ? state.Registers[src] : AbstractType.Number;
        if (form.Operation == Operation.Jset && left.Kind == ValueKind.Number && right.Kind == ValueKind.Number)
        {
            // No comparison is jset's negation: the domain refines both edges of the bit test itself.
            NumberOps.Assume(state, Operation.Jset, form.Is32Bit, Vars.Registers[dst].Value, src >= 0 ? Vars.Registers[src].Value : null, slot.Immediate, taken);
            return;
        }

        var condition = taken ? form.Operation : NumericDomain.Negate(form.Operation);
        if (condition is null)
        {
            return;
        }

        if (left.Kind == ValueKind.Number && right.Kind == ValueKind.Number)
        {
            NumberOps.Assume(state, condition.Value, form.Is32Bit, Vars.Registers[dst].Value, src >= 0 ? Vars.Registers[src].Value : null, slot.Immediate);
        }
        else if (left.IsPointer && right.IsPointer)
        {
            NumberOps.AssumeOffsets(state, condition.Value, OffsetVariable(dst, left), OffsetVariable(src, right));
        }
        else if (left.IsPointer || right.IsPointer)
        {
            var pointer = left.IsPointer ? dst : src;
            AssumeNull(state, pointer, isNull: condition == Operation.Jeq);
        }
    }

    /// <summary>
    /// Refines a comparison of a pointer with 0, as the kernel's <c>mark_ptr_or_null_regs</c>: every copy of a pointer
    /// that may be null (same <see cref="AbstractType.NullId"/>) becomes non-null on one side and the number 0 on the
    /// other; a pointer that cannot be null makes the null side unreachable. Where the sides meet again, the join makes
    /// the 0 a pointer that may be null (<see cref="AbstractState.Join"/>).
    /// </summary>
    private void AssumeNull(AbstractState state, int register, bool isNull)
    {
        var type = state.Registers[register];
        if (!type.MaybeNull)
        {
            // A BTF object that is not "maybe null" may still be null: the kernel reads through it with exception handling
            // (a fault reads 0), so nothing made it check; both sides go on, as for an untrusted PTR_TO_BTF_ID in the kernel.
            if (isNull && type.Kind != ValueKind.BtfObject)
            {
                state.SetBottom();
            }

            return;
        }

        if (isNull && type.Kind == ValueKind.Record)
        {
            // A reservation that failed holds nothing to release.
            state.OpenRecords = state.OpenRecords.Remove(type.NullId);
        }

        for (var r = 0; r <= 10; r++)
        {
            if (r == register || (type.NullId >= 0 && state.Registers[r].MaybeNull && state.Registers[r].NullId == type.NullId))
            {
                if (isNull)
                {
                    SetConstant(state, r, 0);
                }
                else
                {
                    state.Registers[r] = state.Registers[r] with { MaybeNull = false };
                }
            }
        }

        if (type.NullId < 0)
        {
            return;
        }

        foreach (var (offset, cell) in state.Cells.ToArray())
        {
            if (cell.Type.MaybeNull && cell.Type.NullId == type.NullId)
            {
                state.WritableCells[offset] = cell with { Type = isNull ? AbstractType.Number : cell.Type with { MaybeNull = false } };
                if (isNull)
                {
                    NumberOps.SetConstant(state, Vars.Cell(offset).Value, 0UL);
                }
            }
        }
    }
}
