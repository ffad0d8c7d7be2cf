using System.Globalization;
using Ebpf.Core.Types;

namespace Ebpf.Verifier.BtfObjects;

/// <summary>
/// What a load of <c>size</c> bytes at <c>offset</c> of a kernel struct reads, found as the kernel's <c>btf_struct_walk</c>
/// finds it: down through nested structs, unions (the first member that covers the offset) and array elements to one
/// member. A scalar member (or bitfield, wholly covered) gives a number, read anywhere inside it; a pointer member read
/// whole gives a pointer to its struct (a pointer to anything else is a number); a flexible array of structs at the
/// end is indexed past the struct's size. Anything else (past the end, padding, part of a pointer, across members) is
/// refused, naming the struct and offset.
/// </summary>
internal static class StructWalk
{
    /// <summary>Walks <paramref name="types"/>' struct or union <paramref name="typeId"/>.</summary>
    public static StructWalkResult Walk(ITargetTypes types, int typeId, long offset, int size)
    {
        // Each round descends one level (a nested struct, or an array element's struct); BTF has no cycles by value.
        for (var depth = 0; depth < 64; depth++)
        {
            if (types.Resolve(typeId) is not { IsComposite: true } type)
            {
                return StructWalkResult.Refused($"type [{typeId}] is not a struct or union");
            }

            var name = type.Spelling;
            if (offset + size > type.Size)
            {
                if (FlexibleArrayElement(types, type, offset) is not { } element)
                {
                    return StructWalkResult.Refused(Text($"access beyond {name} (size {type.Size}) at offset {offset}, size {size}"));
                }

                offset = (offset - element.Offset) % element.Type.Size;
                typeId = element.Type.Id;
                continue;
            }

            var next = Member(types, type, offset, size, out var result);
            if (next is null)
            {
                return result;
            }

            (typeId, offset) = next.Value;
        }

        return StructWalkResult.Refused("structs nest too deeply");
    }

    /// <summary>
    /// The member of <paramref name="type"/> that covers the access: a struct to descend into (its id and the offset inside
    /// it), or null and the <paramref name="result"/> of the access.
    /// </summary>
    private static (int TypeId, long Offset)? Member(ITargetTypes types, TargetType type, long offset, int size, out StructWalkResult result)
    {
        var name = type.Spelling;
        foreach (var member in type.Members)
        {
            var start = member.BitOffset / 8;
            if (member.IsBitfield)
            {
                // A bitfield reads as a number when the access covers all its bytes; clang emits no member for anonymous
                // padding bitfields, hence "starts at or before", as the kernel.
                var end = (member.BitOffset + member.BitSize + 7) / 8;
                if (offset <= start && end <= offset + size)
                {
                    result = StructWalkResult.Scalar;
                    return null;
                }

                continue;
            }

            if (offset < start)
            {
                break;
            }

            if (types.Resolve(member.Type) is not { } memberType || SizeOf(types, memberType) is not { } memberSize)
            {
                continue;
            }

            var memberEnd = start + memberSize;
            if (offset >= memberEnd)
            {
                continue;
            }

            var elementType = memberType;
            var elementStart = start;
            if (memberType.Kind == TargetTypeKind.Array)
            {
                var (element, count) = ArrayElement(types, memberType);
                if (count == 0 || element is null || SizeOf(types, element) is not { } elementSize || elementSize == 0)
                {
                    continue;
                }

                elementType = element;
                elementStart = start + ((offset - start) / elementSize * elementSize);
            }

            if (elementType.IsComposite)
            {
                result = default;
                return (elementType.Id, offset - elementStart);
            }

            if (elementType.Kind == TargetTypeKind.Pointer)
            {
                if (offset != elementStart || size != 8)
                {
                    result = StructWalkResult.Refused(Text($"{name} has the pointer {MemberName(member)} at offset {elementStart}: it is read whole (8 bytes at {elementStart}), not {size} bytes at offset {offset}"));
                    return null;
                }

                if (types.Resolve(elementType.Target) is { IsComposite: true } pointee)
                {
                    result = StructWalkResult.Pointer(pointee.Id);
                    return null;
                }
            }

            result = offset + size > memberEnd
                ? StructWalkResult.Refused(Text($"access beyond the end of {MemberName(member)} (offset {start}, size {memberSize}) in {name}: {size} bytes at offset {offset}"))
                : StructWalkResult.Scalar;
            return null;
        }

        result = StructWalkResult.Refused(Text($"{name} has no member at offset {offset} (padding, or between members) for {size} bytes"));
        return null;
    }

    /// <summary>The last member when it is an array of no elements of structs and the offset lies in it (the kernel's flexible array rule).</summary>
    private static (TargetType Type, long Offset)? FlexibleArrayElement(ITargetTypes types, TargetType type, long offset)
    {
        if (type.Members.IsEmpty || type.Members[^1] is not { IsBitfield: false } last
            || types.Resolve(last.Type) is not { Kind: TargetTypeKind.Array, Count: 0 } array
            || offset < last.BitOffset / 8 || types.Resolve(array.Target) is not { IsComposite: true, Size: > 0 } element)
        {
            return null;
        }

        return (element, last.BitOffset / 8);
    }

    /// <summary>The innermost element type of a (possibly multi-dimensional) array and the total count of its elements.</summary>
    private static (TargetType? Element, long Count) ArrayElement(ITargetTypes types, TargetType array)
    {
        long count = 1;
        var type = (TargetType?)array;
        for (var steps = 0; steps < 16 && type is { Kind: TargetTypeKind.Array }; steps++)
        {
            count *= type.Count;
            type = types.Resolve(type.Target);
        }

        return (type, count);
    }

    /// <summary>The size of a type, arrays multiplied out; null for types without one.</summary>
    private static long? SizeOf(ITargetTypes types, TargetType type)
    {
        if (type.Kind != TargetTypeKind.Array)
        {
            return type.Kind is TargetTypeKind.Void or TargetTypeKind.Function or TargetTypeKind.FunctionProto or TargetTypeKind.Forward or TargetTypeKind.Other
                ? null
                : type.Size;
        }

        var (element, count) = ArrayElement(types, type);
        return element is null || SizeOf(types, element) is not { } size ? null : size * count;
    }

    private static string MemberName(TargetMember member) => member.Name.Length > 0 ? member.Name : "an anonymous member";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
