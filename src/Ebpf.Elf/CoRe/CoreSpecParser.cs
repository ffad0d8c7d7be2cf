using System.Globalization;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf.CoRe;

/// <summary>
/// Parses a CO-RE relocation's access string against the object's own BTF, as libbpf's <c>bpf_core_parse_spec</c>:
/// <c>0:1:0:5</c> is element 0 of the root type, then member 1, member 0, element 5. Type relocations take only
/// <c>0</c>; enum relocations one enumerator index.
/// </summary>
internal static class CoreSpecParser
{
    /// <summary>The parsed spec, or an error saying what in the access string does not fit the types.</summary>
    public static CoreSpec? TryParse(BtfSpec btf, BtfCoreRelocation relocation, out string? error)
    {
        error = null;
        if (!btf.TryGetType(relocation.TypeId, out _) || relocation.TypeId == 0)
        {
            error = $"type id {relocation.TypeId} is not a type of the object's BTF";
            return null;
        }

        var raw = new List<int>();
        foreach (var part in relocation.AccessString.Split(':'))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || raw.Count == CoreSpec.MaxLength)
            {
                error = $"access string '{relocation.AccessString}' is not a list of at most {CoreSpec.MaxLength} indexes";
                return null;
            }

            raw.Add(index);
        }

        var spec = new CoreSpec(btf, relocation.TypeId);
        spec.Raw.AddRange(raw);
        var kind = relocation.Kind;
        if (CoreKinds.IsTypeBased(kind))
        {
            error = raw is [0] ? null : $"a type relocation's access string must be '0', not '{relocation.AccessString}'";
            return error is null ? spec : null;
        }

        var root = CoreTypes.Skip(btf, relocation.TypeId);
        if (CoreKinds.IsEnumValueBased(kind))
        {
            if (root is not BtfEnum enumeration || raw.Count != 1 || raw[0] >= enumeration.Values.Length)
            {
                error = $"access string '{relocation.AccessString}' does not name an enumerator of {btf.FormatType(relocation.TypeId)}";
                return null;
            }

            spec.Accessors.Add(new CoreAccessor(root.Id, raw[0], enumeration.Values[raw[0]].Name));
            return spec;
        }

        return ParseField(btf, spec, root, relocation.AccessString, out error) ? spec : null;
    }

    private static bool ParseField(BtfSpec btf, CoreSpec spec, BtfType root, string access, out string? error)
    {
        error = null;
        if (CoreTypes.SizeOf(btf, root.Id) is not { } rootSize)
        {
            error = $"the root type {btf.FormatType(root.Id)} has no size";
            return false;
        }

        spec.Accessors.Add(new CoreAccessor(root.Id, spec.Raw[0], null));
        spec.BitOffset = spec.Raw[0] * rootSize * 8;
        var id = root.Id;
        for (var i = 1; i < spec.Raw.Count; i++)
        {
            var index = spec.Raw[i];
            var type = CoreTypes.Skip(btf, id);
            id = type.Id;
            if (type is BtfComposite composite)
            {
                if (index >= composite.Members.Length)
                {
                    error = $"access string '{access}' asks for member {index} of {btf.FormatType(id)}, which has {composite.Members.Length}";
                    return false;
                }

                var member = composite.Members[index];
                spec.BitOffset += member.BitOffset;
                if (member.Name.Length > 0)
                {
                    spec.Accessors.Add(new CoreAccessor(id, index, member.Name));
                }

                id = member.Type;
            }
            else if (type is BtfArray array)
            {
                var element = CoreTypes.Skip(btf, array.ElementType);
                if (!CoreTypes.IsFlexibleArray(btf, spec.Accessors[^1], array) && index >= array.Count)
                {
                    error = $"access string '{access}' asks for element {index} of an array of {array.Count}";
                    return false;
                }

                if (CoreTypes.SizeOf(btf, element.Id) is not { } elementSize)
                {
                    error = $"the array element {btf.FormatType(element.Id)} has no size";
                    return false;
                }

                id = element.Id;
                spec.Accessors.Add(new CoreAccessor(id, index, null));
                spec.BitOffset += index * elementSize * 8;
            }
            else
            {
                error = $"access string '{access}' indexes into {btf.FormatType(id)}, which is neither a struct, a union nor an array";
                return false;
            }
        }

        return true;
    }
}
