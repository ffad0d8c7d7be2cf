using Ebpf.Elf.Btf;

namespace Ebpf.Elf.CoRe;

/// <summary>
/// The value a relocation computes from one spec (libbpf's <c>bpf_core_calc_field_relo</c>, <c>_type_relo</c> and
/// <c>_enumval_relo</c>), local or target; a null target spec means no candidate matched.
/// </summary>
internal static class CoreCalculator
{
    /// <summary>A field's value and, for byte offsets, the field's size and type, from which loads take their width.</summary>
    private readonly record struct FieldValue(ulong Value, int Size, int TypeId, bool Validate);

    /// <summary>The relocation's result, or null with <paramref name="error"/> when it cannot be computed.</summary>
    public static CoreResult? Calculate(BtfCoreRelocationKind kind, CoreSpec local, CoreSpec? target, out string? error)
    {
        error = null;
        if (CoreKinds.IsFieldBased(kind))
        {
            if (kind != BtfCoreRelocationKind.FieldExists && target is null)
            {
                return CoreResult.Poisoned;
            }

            if (Field(kind, local, out error) is not { } original)
            {
                return null;
            }

            if (target is null)
            {
                return new CoreResult(original.Value, 0, false, original.Validate);
            }

            if (Field(kind, target, out error) is not { } updated)
            {
                return null;
            }

            return new CoreResult(original.Value, updated.Value, false, original.Validate)
            {
                OriginalSize = original.Size,
                NewSize = updated.Size,
                FailMemorySizeAdjust = original.Size != updated.Size && !CanAdjustSize(local.Btf, original.TypeId, target.Btf, updated.TypeId),
            };
        }

        if (CoreKinds.IsTypeBased(kind))
        {
            var before = Type(kind, local, out error);
            var after = target is null ? 0 : Type(kind, target, out error);
            return before is { } b && after is { } a ? new CoreResult(b, a, false, true) : null;
        }

        var value = EnumValue(kind, local);
        if (target is null && kind == BtfCoreRelocationKind.EnumValueValue)
        {
            return CoreResult.Poisoned;
        }

        return new CoreResult(value, target is null ? 0 : EnumValue(kind, target), false, true);
    }

    /// <summary>
    /// Loads may change width only for pointers (32-bit kernels' pointers are 8 bytes on BPF) and unsigned integers,
    /// where zero extension keeps the value.
    /// </summary>
    private static bool CanAdjustSize(BtfSpec local, int localType, BtfSpec target, int targetType)
    {
        var l = local[localType];
        var t = target[targetType];
        return (l is BtfPointer && t is BtfPointer) || (l is BtfInt { IsSigned: false } && t is BtfInt { IsSigned: false });
    }

    private static FieldValue? Field(BtfCoreRelocationKind kind, CoreSpec spec, out string? error)
    {
        error = null;
        if (kind == BtfCoreRelocationKind.FieldExists)
        {
            return new FieldValue(1, 0, 0, true);
        }

        var accessor = spec.Last;
        if (accessor.Name is null)
        {
            // An array element (or the root itself): only its offset and size mean anything.
            if (CoreTypes.SizeOf(spec.Btf, accessor.TypeId) is not { } elementSize
                || kind is not (BtfCoreRelocationKind.FieldByteOffset or BtfCoreRelocationKind.FieldByteSize))
            {
                error = $"{CoreKinds.Name(kind)} cannot be applied to an array element";
                return null;
            }

            return kind == BtfCoreRelocationKind.FieldByteOffset
                ? new FieldValue((ulong)(spec.BitOffset / 8), (int)elementSize, accessor.TypeId, true)
                : new FieldValue((ulong)elementSize, 0, 0, true);
        }

        var member = ((BtfComposite)spec.Btf[accessor.TypeId]).Members[accessor.Index];
        var fieldType = CoreTypes.Skip(spec.Btf, member.Type);
        var bitOffset = spec.BitOffset;
        long byteSize;
        long byteOffset;
        long bitSize = CoreTypes.BitfieldSize(member);
        var bitfield = bitSize > 0;
        if (bitfield)
        {
            // The smallest aligned load that holds every bit of the field, as libbpf picks it.
            byteSize = CoreTypes.SizeOf(spec.Btf, fieldType.Id) ?? 0;
            if (byteSize == 0)
            {
                error = $"the bitfield '{member.Name}' has no size";
                return null;
            }

            byteOffset = bitOffset / 8 / byteSize * byteSize;
            while (bitOffset + bitSize - (byteOffset * 8) > byteSize * 8)
            {
                if (byteSize >= 8)
                {
                    error = $"the bitfield '{member.Name}' cannot be read with one 64-bit load";
                    return null;
                }

                byteSize *= 2;
                byteOffset = bitOffset / 8 / byteSize * byteSize;
            }
        }
        else
        {
            if (CoreTypes.SizeOf(spec.Btf, fieldType.Id) is not { } size)
            {
                error = $"the field '{member.Name}' has no size";
                return null;
            }

            byteSize = size;
            byteOffset = bitOffset / 8;
            bitSize = byteSize * 8;
        }

        // For bitfields the compiler's own choice of load may differ from libbpf's: only signedness is checked.
        return kind switch
        {
            BtfCoreRelocationKind.FieldByteOffset => new FieldValue((ulong)byteOffset, bitfield ? 0 : (int)byteSize, bitfield ? 0 : fieldType.Id, !bitfield),
            BtfCoreRelocationKind.FieldByteSize => new FieldValue((ulong)byteSize, 0, 0, !bitfield),
            BtfCoreRelocationKind.FieldSigned => new FieldValue(IsSigned(fieldType) ? 1UL : 0UL, 0, 0, true),
            BtfCoreRelocationKind.FieldLShiftU64 => new FieldValue((ulong)(64 - (bitOffset + bitSize - (byteOffset * 8))), 0, 0, !bitfield),
            _ => new FieldValue((ulong)(64 - bitSize), 0, 0, true),
        };
    }

    private static bool IsSigned(BtfType type) => type is BtfEnum { IsSigned: true } or BtfInt { IsSigned: true };

    private static ulong? Type(BtfCoreRelocationKind kind, CoreSpec spec, out string? error)
    {
        error = null;
        switch (kind)
        {
            case BtfCoreRelocationKind.TypeIdTarget or BtfCoreRelocationKind.TypeIdLocal:
                return (ulong)spec.RootTypeId;
            case BtfCoreRelocationKind.TypeExists or BtfCoreRelocationKind.TypeMatches:
                return 1;
            default:
                if (CoreTypes.SizeOf(spec.Btf, spec.RootTypeId) is { } size)
                {
                    return (ulong)size;
                }

                error = $"the type {spec.Btf.FormatType(spec.RootTypeId)} has no size";
                return null;
        }
    }

    private static ulong EnumValue(BtfCoreRelocationKind kind, CoreSpec spec)
    {
        if (kind == BtfCoreRelocationKind.EnumValueExists)
        {
            return 1;
        }

        var accessor = spec.Accessors[0];
        return ((BtfEnum)spec.Btf[accessor.TypeId]).Values[accessor.Index].UnsignedValue;
    }
}
