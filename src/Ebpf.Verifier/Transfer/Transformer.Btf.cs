using Ebpf.Core.Diagnostics;
using Ebpf.Core.Types;
using Ebpf.Verifier.BtfObjects;
using Ebpf.Verifier.Checks;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

/// <summary>BTF-typed pointers (<c>PTR_TO_BTF_ID</c>): where they come from and what loads through them give.</summary>
internal sealed partial class Transformer
{
    /// <summary>
    /// A read of a BTF-attached program's argument slot, typed as the kernel's <c>btf_ctx_access</c> types it: numbers,
    /// structs passed by value, pointers to <c>void</c> or integers are numbers; a pointer to a struct is a BTF object
    /// (maybe null where the target declares so); slots past the target's arguments (and its return value, for fexit and
    /// fmod_ret) and pointers to anything else are refused.
    /// </summary>
    private void LoadArgument(AbstractState state, int pc, int dst, RegionAccess access)
    {
        var arguments = Arguments!;
        var offset = access.ExactOffset!.Value;
        var slot = (int)(offset / 8);
        if (slot >= arguments.Slots.Length)
        {
            Fail(state, pc, DiagnosticCode.TracingArgumentInvalid,
                $"reading ctx+{offset}, argument {slot}: {arguments.Target} has {arguments.Parameters} arguments"
                + (arguments.Slots.Length > arguments.Parameters ? " and its return value after them" : ""));
            return;
        }

        var what = slot < arguments.Parameters ? $"argument {slot}" : "the return value";
        var type = TargetTypes!.Resolve(arguments.Slots[slot]);
        if (type is not { Kind: TargetTypeKind.Pointer } pointer || access.Width != 8)
        {
            SetNumber(state, dst, IntervalArithmetic.Range(false, access.Width * 8));
            return;
        }

        var pointee = TargetTypes.Resolve(pointer.Target);
        if (pointee is { Kind: TargetTypeKind.Void or TargetTypeKind.Integer })
        {
            // As the kernel: a void or integer pointer is a number to the verifier, read through bpf_probe_read_kernel.
            SetNumber(state, dst, IntervalArithmetic.Range(false, 64));
            return;
        }

        if (pointee is not { IsComposite: true })
        {
            Fail(state, pc, DiagnosticCode.TracingArgumentInvalid,
                $"reading {what} of {arguments.Target}: it points to {pointee?.Spelling ?? "an unknown type"}, not a struct, which the kernel cannot type");
            return;
        }

        var maybeNull = arguments.MayBeNull(slot);
        SetPointer(state, dst, new AbstractType(ValueKind.BtfObject, MaybeNull: maybeNull, NullId: maybeNull ? pc : -1, TypeId: pointee.Id), 0);
    }

    /// <summary>A load through a BTF object: the member it reads, a number or a pointer to another struct (untrusted, as the kernel marks walked pointers).</summary>
    private void LoadThroughBtf(AbstractState state, int pc, int dst, RegionAccess access)
    {
        var offset = access.ExactOffset!.Value;
        var walk = StructWalk.Walk(TargetTypes!, access.Type.TypeId, offset, access.Width);
        if (walk.Problem is { } problem)
        {
            Fail(state, pc, DiagnosticCode.BtfAccessOutsideType, $"reading {access.Width} bytes at offset {offset} of {BtfName(access.Type.TypeId)}: {problem}");
            return;
        }

        if (walk.PointeeId == 0)
        {
            SetNumber(state, dst, IntervalArithmetic.Range(false, access.Width * 8));
            return;
        }

        SetPointer(state, dst, new AbstractType(ValueKind.BtfObject, TypeId: walk.PointeeId, Untrusted: true), 0);
    }

    /// <summary>Why an access through a BTF object is refused: writes, and offsets that are not one constant at or above 0.</summary>
    private (string? Problem, DiagnosticCode Code) BtfObjectProblem(AbstractState state, int register, Interval offsets, bool isWrite)
    {
        var type = state.Registers[register];
        if (isWrite)
        {
            return ($"writing through {Name(register)}, which holds {Describe(state, register)}: kernel objects are read-only to tracing programs "
                + "(the kernel's btf_struct_access allows writes only to a few fields of a few program types); keep the value in a map or on the stack",
                DiagnosticCode.BtfObjectWrite);
        }

        if (TargetTypes is null)
        {
            return ($"reading through {Name(register)}, which holds {Describe(state, register)}, without the kernel's types", DiagnosticCode.BtfTypedPointerUnsupported);
        }

        if (!offsets.IsSingleton || offsets.Lower < 0)
        {
            return ($"reading through {Name(register)} at offset {offsets} of {BtfName(type.TypeId)}: a kernel object is read at a constant offset at or after its start",
                DiagnosticCode.BtfAccessOutsideType);
        }

        return (null, default);
    }

    /// <summary>
    /// r0 after a helper that returns a kernel object (<c>bpf_get_current_task_btf</c>): a BTF object of the struct its
    /// prototype names, never null; refused without the kernel's types, where there is no such object.
    /// </summary>
    private void ReturnBtfObject(AbstractState state, int pc, Core.Abi.HelperPrototype helper)
    {
        var name = helper.ReturnedBtfStruct ?? "";
        if (TargetTypes is null || TargetTypes.Find(name, TargetTypeKind.Struct) is not { } id)
        {
            Fail(state, pc, DiagnosticCode.BtfTypedPointerUnsupported,
                $"{helper.Name} returns a BTF-typed pointer to a kernel object (struct {name}), "
                + (TargetTypes is null
                    ? "checked only against the kernel's types: verify with them (ebpf verify uses the running kernel's BTF, or --btf); no kernel object exists to run it on in user mode"
                    : "which the target BTF does not have"));
            return;
        }

        SetPointer(state, 0, new AbstractType(ValueKind.BtfObject, TypeId: id), 0);
    }

    /// <summary>
    /// Why a register cannot be a helper's <c>ARG_PTR_TO_BTF_ID</c> argument (completing "r2 (argument 2 of ...)"), or
    /// null: it must be a BTF object of the named struct at its start, trusted (not read from another object: the kernel
    /// refuses <c>PTR_UNTRUSTED</c> here), and not maybe null unless the argument may be null.
    /// </summary>
    private string? BtfArgumentProblem(AbstractState state, int register, Core.Abi.HelperArgument argument)
    {
        var type = state.Registers[register];
        var wanted = $"struct {argument.BtfStruct}";
        if (TargetTypes is null)
        {
            return $"must be a BTF-typed pointer to a kernel object ({wanted}), checked only against the kernel's types: verify with them; "
                + "no kernel object exists to run it on in user mode";
        }

        var id = TargetTypes.Find(argument.BtfStruct ?? "", TargetTypeKind.Struct);
        if (type.Kind != ValueKind.BtfObject || type.TypeId != id)
        {
            return $"must be a BTF-typed pointer to {wanted}, but holds {Describe(state, register)}";
        }

        if (type.Untrusted)
        {
            return $"holds {Describe(state, register)}, read from another kernel object: helpers take only pointers the kernel "
                + "vouches for (an argument, bpf_get_current_task_btf()), not untrusted ones";
        }

        if (type.MaybeNull && !argument.MayBeNull)
        {
            return $"may be null ({Describe(state, register)}): compare it with 0 first";
        }

        return Offset(state, register).Equals(Interval.Constant(0)) ? null : $"must point to the start of {wanted}, but holds {Describe(state, register)}";
    }

    /// <summary>How a target BTF type is spelled in messages: <c>struct task_struct</c>.</summary>
    private string BtfName(int typeId) => TargetTypes?.Resolve(typeId)?.Spelling ?? $"BTF type [{typeId}]";
}
