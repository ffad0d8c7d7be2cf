using Ebpf.Elf.Btf;

namespace Ebpf.Elf.CoRe;

/// <summary>
/// Walks a local access spec through one candidate target type, as libbpf's <c>bpf_core_spec_match</c>: members by
/// name (looking through anonymous structs and unions), array elements by index within the target's bounds.
/// </summary>
internal static class CoreSpecMatcher
{
    /// <summary>The target spec when the candidate matches, else null; <paramref name="error"/> when the walk is impossible.</summary>
    public static CoreSpec? Match(CoreSpec local, BtfCoreRelocationKind kind, BtfSpec target, int candidateId, out string? error)
    {
        error = null;
        var spec = new CoreSpec(target, candidateId);
        if (CoreKinds.IsTypeBased(kind))
        {
            var matches = kind == BtfCoreRelocationKind.TypeMatches
                ? CoreCompatibility.TypesMatch(local.Btf, local.RootTypeId, target, candidateId)
                : CoreCompatibility.TypesAreCompatible(local.Btf, local.RootTypeId, target, candidateId);
            return matches ? spec : null;
        }

        if (CoreKinds.IsEnumValueBased(kind))
        {
            return MatchEnumerator(local, target, candidateId, spec);
        }

        var targetId = candidateId;
        for (var i = 0; i < local.Accessors.Count; i++)
        {
            var accessor = local.Accessors[i];
            var type = CoreTypes.Skip(target, targetId);
            targetId = type.Id;
            if (accessor.Name is not null)
            {
                if (!MatchMember(local, accessor, target, targetId, spec, out targetId))
                {
                    return null;
                }

                continue;
            }

            // The first accessor indexes the root object itself; later ones an array of the target.
            if (i > 0)
            {
                if (type is not BtfArray array)
                {
                    return null;
                }

                if (!CoreTypes.IsFlexibleArray(target, spec.Accessors[^1], array) && accessor.Index >= array.Count)
                {
                    return null;
                }

                targetId = CoreTypes.Skip(target, array.ElementType).Id;
            }

            if (spec.Raw.Count == CoreSpec.MaxLength || CoreTypes.SizeOf(target, targetId) is not { } size)
            {
                error = $"the target type {target.FormatType(targetId)} has no size, or nests deeper than {CoreSpec.MaxLength}";
                return null;
            }

            spec.Accessors.Add(new CoreAccessor(targetId, accessor.Index, null));
            spec.Raw.Add(accessor.Index);
            spec.BitOffset += accessor.Index * size * 8;
        }

        return spec;
    }

    private static CoreSpec? MatchEnumerator(CoreSpec local, BtfSpec target, int candidateId, CoreSpec spec)
    {
        if (CoreTypes.Skip(target, candidateId) is not BtfEnum enumeration)
        {
            return null;
        }

        var wanted = CoreTypes.EssentialName(local.Accessors[0].Name!);
        for (var i = 0; i < enumeration.Values.Length; i++)
        {
            if (CoreTypes.EssentialName(enumeration.Values[i].Name) == wanted)
            {
                spec.Accessors.Add(new CoreAccessor(enumeration.Id, i, enumeration.Values[i].Name));
                spec.Raw.Add(i);
                return spec;
            }
        }

        return null;
    }

    /// <summary>
    /// <c>bpf_core_match_member</c>: finds the member named as the local accessor's in the target composite, descending
    /// into anonymous members, adding their raw indexes and bit offsets to <paramref name="spec"/> on the way.
    /// </summary>
    private static bool MatchMember(CoreSpec local, CoreAccessor accessor, BtfSpec target, int targetId, CoreSpec spec, out int next)
    {
        next = 0;
        var localMember = ((BtfComposite)local.Btf[accessor.TypeId]).Members[accessor.Index];
        if (CoreTypes.Skip(target, targetId) is not BtfComposite composite || spec.Raw.Count >= CoreSpec.MaxLength)
        {
            return false;
        }

        for (var i = 0; i < composite.Members.Length; i++)
        {
            var member = composite.Members[i];
            spec.BitOffset += member.BitOffset;
            spec.Raw.Add(i);
            if (member.Name.Length == 0)
            {
                if (MatchMember(local, accessor, target, member.Type, spec, out next))
                {
                    return true;
                }
            }
            else if (member.Name == localMember.Name)
            {
                next = member.Type;
                if (CoreCompatibility.FieldsAreCompatible(local.Btf, localMember.Type, target, member.Type))
                {
                    spec.Accessors.Add(new CoreAccessor(composite.Id, i, member.Name));
                    return true;
                }

                // A member of that name but an incompatible type: libbpf stops looking.
                spec.BitOffset -= member.BitOffset;
                spec.Raw.RemoveAt(spec.Raw.Count - 1);
                return false;
            }

            spec.BitOffset -= member.BitOffset;
            spec.Raw.RemoveAt(spec.Raw.Count - 1);
        }

        return false;
    }
}
