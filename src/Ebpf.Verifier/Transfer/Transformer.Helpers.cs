using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

internal sealed partial class Transformer
{
    private void HelperCall(AbstractState state, int pc, int id, int depth)
    {
        if (id == CoreRelocationPoison.HelperNumber)
        {
            // libbpf's "bad relo" call: reaching it means running code whose CO-RE relocation the target could not satisfy.
            Fail(state, pc, DiagnosticCode.UnresolvedCoreRelocation,
                "reaches an instruction poisoned because its CO-RE relocation found no match in the target BTF "
                + "(call 0xbad2310, as libbpf writes it); guard it with bpf_core_field_exists() or bpf_core_type_exists(), or pass the right --btf");
            return;
        }

        if (Abi.FindHelper(id, Type) is not { } helper)
        {
            Fail(state, pc, DiagnosticCode.UnknownHelperPrototype, $"helper {id} has no prototype on {Abi.Platform}: its arguments cannot be checked");
            return;
        }

        if (!Type.CanCall(id))
        {
            Fail(state, pc, DiagnosticCode.HelperNotAllowedForType, $"{helper.Name} may not be called by {Type.Name} programs");
            return;
        }

        var call = new HelperCallFacts(helper);
        for (var i = 0; i < helper.Arguments.Length && !state.IsBottom; i++)
        {
            CheckArgument(state, pc, call, i, depth);
        }

        if (state.IsBottom || _graph.CallbackTargets.ContainsKey(pc))
        {
            // A callback helper returns on the graph's CallbackDone edge, after its callback ran.
            return;
        }

        AfterHelper(state, pc, call);
    }

    /// <summary>The effects of a helper once its arguments are checked: r0 typed by its return kind, r1 to r5 unset.</summary>
    private void AfterHelper(AbstractState state, int pc, HelperCallFacts call)
    {
        var helper = call.Helper;
        if (helper.ChangesPacketData)
        {
            ForgetPacketPointers(state);
        }

        if (helper.LinuxId is HelperId.RingbufSubmit or HelperId.RingbufDiscard)
        {
            ReleaseRecord(state, state.Registers[1]);
        }

        for (var r = 1; r <= 5; r++)
        {
            SetUninitialized(state, r);
        }

        switch (helper.Returns)
        {
            case HelperReturnKind.Void:
                SetUninitialized(state, 0);
                break;
            case HelperReturnKind.PointerToMapValueOrNull when call.Map >= 0:
                DetachNullId(state, pc);
                var inner = _innerMaps.GetValueOrDefault(call.Map, -1);
                SetPointer(state, 0, inner >= 0
                    ? new AbstractType(ValueKind.MapPointer, Map: inner, MaybeNull: true, NullId: pc)
                    : MapValue(call.Map, maybeNull: true, nullId: pc), 0);
                break;
            case HelperReturnKind.PointerToBtfObject:
                ReturnBtfObject(state, pc, helper);
                break;
            case HelperReturnKind.PointerToAllocMemoryOrNull:
                DetachNullId(state, pc);
                state.OpenRecords = state.OpenRecords.Add(pc);
                SetPointer(state, 0, new AbstractType(ValueKind.Record, MaybeNull: true, NullId: pc, Size: call.AllocSize), 0);
                break;
            default:
                SetNumber(state, 0, IntervalArithmetic.Range(true, 64));
                break;
        }
    }

    /// <summary>A helper that moves the packet invalidates every packet pointer (the kernel's <c>clear_all_pkt_pointers</c>).</summary>
    private void ForgetPacketPointers(AbstractState state)
    {
        static bool IsPacket(AbstractType type) => type.Kind is ValueKind.Packet or ValueKind.PacketEnd or ValueKind.PacketMeta;
        for (var r = 0; r <= 9; r++)
        {
            if (IsPacket(state.Registers[r]))
            {
                SetNumber(state, r, IntervalArithmetic.Range(true, 64));
            }
        }

        foreach (var (offset, cell) in state.Cells.ToArray())
        {
            if (IsPacket(cell.Type))
            {
                state.WritableCells[offset] = cell with { Type = AbstractType.Number };
                NumberOps.Havoc(state, Vars.Cell(offset).Value);
            }
        }

        foreach (var frame in state.Frames)
        {
            for (var r = 0; r < frame.Length; r++)
            {
                frame[r] = IsPacket(frame[r]) ? AbstractType.Number : frame[r];
            }
        }

        NumberOps.Havoc(state, Vars.PacketSize);
        NumberOps.Havoc(state, Vars.MetaOffset);
        NumberOps.AtLeast(state, Vars.PacketSize, 0);
        NumberOps.AtMost(state, Vars.PacketSize, 0xffff);
        NumberOps.AtMost(state, Vars.MetaOffset, 0);
        NumberOps.AtLeast(state, Vars.MetaOffset, -256);
    }

    /// <summary>
    /// Submitting or discarding a record ends every copy of it (the kernel's <c>release_reference</c>): the copies stay
    /// records, marked released, so that comparing one with 0 stays legal while using it is not.
    /// </summary>
    private void ReleaseRecord(AbstractState state, AbstractType record)
    {
        state.OpenRecords = state.OpenRecords.Remove(record.NullId);
        for (var r = 0; r <= 9; r++)
        {
            if (state.Registers[r].Kind == ValueKind.Record && state.Registers[r].NullId == record.NullId)
            {
                state.Registers[r] = state.Registers[r] with { Released = true };
            }
        }
    }

    /// <summary>
    /// A call site makes a new pointer that may be null each time it runs: copies made by an earlier run (a loop)
    /// must not be refined by a null check of the new one.
    /// </summary>
    private static void DetachNullId(AbstractState state, int id)
    {
        for (var r = 0; r <= 10; r++)
        {
            if (state.Registers[r].NullId == id)
            {
                state.Registers[r] = state.Registers[r] with { NullId = -1 };
            }
        }

        foreach (var (offset, cell) in state.Cells.ToArray())
        {
            if (cell.Type.NullId == id)
            {
                state.WritableCells[offset] = cell with { Type = cell.Type with { NullId = -1 } };
            }
        }
    }
}
