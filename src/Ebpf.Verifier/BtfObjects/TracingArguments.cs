using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Types;

namespace Ebpf.Verifier.BtfObjects;

/// <summary>
/// The arguments of a BTF-attached program, typed from its attach target's prototype in the target BTF, as the kernel's
/// <c>btf_ctx_access</c> types them: fentry, fexit and fmod_ret take the function's (<c>fentry/do_unlinkat</c>: the
/// <c>FUNC</c> named <c>do_unlinkat</c>), fexit and fmod_ret see its return value after them; tp_btf takes the
/// tracepoint's (the typedef <c>btf_trace_NAME</c>, a pointer to a prototype whose first parameter, <c>void *__data</c>,
/// the program does not see); iterators take the <c>bpf_iter_NAME</c> function's, every one after the first
/// (<c>meta</c>) possibly null, as the iterators' <c>ctx_arg_info</c> (<c>PTR_TO_BTF_ID_OR_NULL</c>) declare them.
/// </summary>
/// <param name="Target">How the target is named in messages: <c>fentry do_unlinkat</c>.</param>
/// <param name="Slots">The type id of each context slot the program may read (8 bytes each), the return value's last when it may read it.</param>
/// <param name="Parameters">How many of the slots are parameters (the rest is the return value).</param>
/// <param name="FirstNullable">The first slot whose pointer may be null, or <see cref="int.MaxValue"/>.</param>
/// <param name="NullableNames">Whether each parameter is named <c>NAME__nullable</c>, which the kernel types as maybe null.</param>
internal sealed record TracingArguments(string Target, ImmutableArray<int> Slots, int Parameters, int FirstNullable, ImmutableArray<bool> NullableNames)
{
    /// <summary>
    /// The arguments of a program of <paramref name="type"/> and attach type <paramref name="attachType"/> attached to
    /// <paramref name="target"/>; null when the program's arguments are not typed from BTF (not a tracing program), or,
    /// with <paramref name="problem"/> set, when the target is not in <paramref name="types"/>, where libbpf refuses to load it.
    /// </summary>
    public static TracingArguments? Resolve(ITargetTypes types, ProgramTypeDescriptor type, int? attachType, string? target, out string? problem)
    {
        problem = null;
        if (!type.HasBtfTypedArguments || type.Id != (int)ProgramType.Tracing || attachType is not { } attach)
        {
            return null;
        }

        var (kind, section, name, skipped, returns) = (AttachType)attach switch
        {
            AttachType.TraceFentry => (TargetTypeKind.Function, "fentry", target, 0, false),
            AttachType.TraceFexit => (TargetTypeKind.Function, "fexit", target, 0, true),
            AttachType.ModifyReturn => (TargetTypeKind.Function, "fmod_ret", target, 0, true),
            AttachType.TraceRawTp => (TargetTypeKind.Typedef, "tp_btf", "btf_trace_" + target, 1, false),
            AttachType.TraceIter => (TargetTypeKind.Function, "iter", "bpf_iter_" + target, 0, false),
            _ => (TargetTypeKind.Other, "", null, 0, false),
        };
        if (kind == TargetTypeKind.Other)
        {
            return null;
        }

        var what = $"{section}/{target}";
        var prototype = string.IsNullOrEmpty(target) || types.Find(name!, kind) is not { } id ? null : Prototype(types, id);
        if (prototype is null || prototype.Members.Length < skipped)
        {
            problem = $"{what}: the target BTF has no {(kind == TargetTypeKind.Typedef ? "tracepoint typedef" : "function")} {name}{(kind == TargetTypeKind.Typedef ? " (a pointer to a prototype)" : "")}, "
                + "so libbpf cannot find the attach target and refuses the program (a tool that names its target at load time "
                + "sets it with bpf_program__set_attach_target); name a target the kernel has";
            return null;
        }

        var parameters = prototype.Members.RemoveRange(0, skipped);
        var slots = parameters.Select(p => p.Type).ToImmutableArray();
        if (returns)
        {
            slots = slots.Add(prototype.Target);
        }

        return new TracingArguments($"{section} {target}", slots, parameters.Length,
            attach == (int)AttachType.TraceIter ? 1 : int.MaxValue,
            [.. parameters.Select(p => p.Name.EndsWith("__nullable", StringComparison.Ordinal))]);
    }

    /// <summary>Whether the pointer in <paramref name="slot"/> may be null.</summary>
    public bool MayBeNull(int slot) => slot >= FirstNullable || (slot < NullableNames.Length && NullableNames[slot]);

    /// <summary>The prototype a function or a tracepoint typedef (a pointer to a prototype) names.</summary>
    private static TargetType? Prototype(ITargetTypes types, int id)
    {
        var type = types.Resolve(id);
        for (var steps = 0; steps < 2 && type is { Kind: TargetTypeKind.Function or TargetTypeKind.Pointer }; steps++)
        {
            type = types.Resolve(type.Target);
        }

        return type is { Kind: TargetTypeKind.FunctionProto } ? type : null;
    }
}
