using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Verifier.Checks;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

internal sealed partial class Transformer
{
    /// <summary>
    /// Checks that <paramref name="width"/> bytes at <paramref name="baseRegister"/> + <paramref name="offset"/> lie in a
    /// region the program may touch this way; null (and the path stopped) when they may not.
    /// </summary>
    private RegionAccess? CheckAccess(AbstractState state, int pc, int baseRegister, int offset, int width, bool isWrite, int depth)
    {
        var type = state.Registers[baseRegister];
        var verb = isWrite ? "writing" : "reading";
        var name = Name(baseRegister);
        if (type.MaybeNull)
        {
            Fail(state, pc, DiagnosticCode.PossibleNullDereference,
                $"{name} may be null ({Describe(state, baseRegister)}): compare it with 0 before {verb} through it");
            return null;
        }

        if (type.Released)
        {
            Fail(state, pc, DiagnosticCode.InvalidDereference, $"{verb} through {name}, a ring buffer record already submitted or discarded on some path");
            return null;
        }

        var offsets = type.HasOffset ? Offset(state, baseRegister).Add(Interval.Constant(offset)) : Interval.Top;
        string? problem;
        var code = DiagnosticCode.InvalidDereference;
        switch (type.Kind)
        {
            case ValueKind.Stack:
                problem = AccessCheck.Stack(offsets, width, FrameTop(depth), verb);
                code = DiagnosticCode.StackOutOfBounds;
                if (problem is null)
                {
                    NoteStackUse(offsets, depth);
                }

                break;
            case ValueKind.Context:
                (problem, code) = ContextProblem(offsets, width, isWrite);
                break;
            case ValueKind.Packet:
                problem = PacketProblem(state, baseRegister, offset, offsets, width, verb, meta: false);
                code = DiagnosticCode.PacketOutOfBounds;
                break;
            case ValueKind.PacketMeta:
                problem = PacketProblem(state, baseRegister, offset, offsets, width, verb, meta: true);
                code = DiagnosticCode.PacketOutOfBounds;
                break;
            case ValueKind.MapValue:
                // The layout's map has this map's value size and writability (for a value of one of several maps, all of theirs).
                var map = Maps[type.Layout];
                problem = isWrite && map.IsReadOnlyForPrograms ? $"{(type.Map >= 0 ? MapName(type.Map) : RegionName(type))} is read-only for programs (.rodata or BPF_F_RDONLY_PROG)" : null;
                code = DiagnosticCode.ReadOnlyMapWrite;
                if (problem is null)
                {
                    problem = AccessCheck.Sized(offsets, width, map.ValueSize, RegionName(type), verb);
                    code = DiagnosticCode.MapValueOutOfBounds;
                }

                break;
            case ValueKind.MapKey:
                problem = isWrite ? "map keys given to callbacks are read-only" : AccessCheck.Sized(offsets, width, Maps[type.Map].KeySize, RegionName(type), verb);
                code = DiagnosticCode.MapValueOutOfBounds;
                break;
            case ValueKind.Record:
                problem = AccessCheck.Sized(offsets, width, type.Size, RegionName(type), verb);
                code = DiagnosticCode.RecordOutOfBounds;
                break;
            case ValueKind.BtfObject:
                (problem, code) = BtfObjectProblem(state, baseRegister, offsets, isWrite);
                break;
            case ValueKind.Number when Type.HasBtfTypedArguments && TargetTypes is null:
                // Without the kernel's types, the kernel's typing of the number (an argument or what was read through one) is unknown.
                problem = $"{verb} through {name}, which holds {Describe(state, baseRegister)}: in {Type.Name} programs that is a "
                    + "BTF-typed pointer to a kernel object (PTR_TO_BTF_ID), checked only against the kernel's types: verify with them "
                    + "(ebpf verify uses the running kernel's BTF, or --btf); no kernel object exists to run it on in user mode. "
                    + "bpf_probe_read_kernel (BPF_CORE_READ) reads kernel memory without them";
                code = DiagnosticCode.BtfTypedPointerUnsupported;
                break;
            default:
                problem = $"{verb} through {name}, which holds {Describe(state, baseRegister)}, not a pointer to memory";
                break;
        }

        if (problem is not null)
        {
            Fail(state, pc, code, problem);
            return null;
        }

        return new RegionAccess(type, offsets, width);
    }

    private (string? Problem, DiagnosticCode Code) ContextProblem(Interval offsets, int width, bool isWrite)
    {
        var layout = Type.Context;
        if (!offsets.IsSingleton)
        {
            return ($"the context is accessed at a variable offset {offsets}; context offsets must be constants", DiagnosticCode.InvalidContextAccess);
        }

        var offset = (int)offsets.Lower;
        if (layout.IsMemoryBlock)
        {
            // The raw type's context is memory whose size only the run knows; the run checks the end.
            return offset >= 0 ? (null, default) : ($"the context is accessed at offset {offset}, before its start", DiagnosticCode.InvalidContextAccess);
        }

        if (layout.Allows(offset, width, isWrite, AttachType))
        {
            return (null, default);
        }

        var readOnly = isWrite && layout.FieldAt(offset) is { } field && field.IsReadable && !field.IsWritable && field.IsAvailableFor(AttachType);
        return (AccessCheck.Context(layout, offset, width, isWrite, AttachType),
            readOnly ? DiagnosticCode.ContextFieldReadOnly : DiagnosticCode.InvalidContextAccess);
    }

    private string? PacketProblem(AbstractState state, int register, int offset, Interval offsets, int width, string verb, bool meta)
    {
        var pointer = Vars.Registers[register].Offset;
        bool inside;
        if (meta)
        {
            // meta_offset <= pointer + offset and pointer + offset + width <= 0 (the packet's start ends the metadata).
            inside = NumberOps.EntailsDifference(state, Vars.MetaOffset, pointer, offset)
                && NumberOps.EntailsAtMost(state, pointer, -(long)offset - width);
        }
        else
        {
            inside = NumberOps.EntailsAtLeast(state, pointer, -(long)offset)
                && NumberOps.EntailsDifference(state, pointer, Vars.PacketSize, -(long)offset - width);
        }

        if (inside)
        {
            return null;
        }

        var end = meta ? Interval.Constant(0) : NumberOps.Of(state, Vars.PacketSize);
        return AccessCheck.Packet(Name(register), offsets, width, end, verb);
    }

    private void NoteStackUse(Interval offsets, int depth)
    {
        // Attribute each byte to the frame that holds it; a frame's use is how far below its r10 it reaches.
        var lowest = (int)offsets.Lower;
        var frame = Math.Clamp((AbstractState.StackSize - lowest - 1) / AbstractState.FrameSize, 0, depth);
        var used = FrameTop(frame) - lowest;
        var context = _graph.Contexts[_currentContext];
        while (context.Depth > frame)
        {
            context = _graph.Contexts[context.Parent];
        }

        StackDepth[context.Function] = Math.Max(StackDepth[context.Function], used);
    }
}
