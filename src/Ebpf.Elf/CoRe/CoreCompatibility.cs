using Ebpf.Elf.Btf;

namespace Ebpf.Elf.CoRe;

/// <summary>
/// When a local type may stand for a target type, by libbpf's rules (tools/lib/bpf/relo_core.c): the loose
/// compatibility of field and type relocations, and the stricter "matches" of <c>bpf_core_type_matches</c>.
/// </summary>
internal static class CoreCompatibility
{
    /// <summary>libbpf bounds the recursion of both checks.</summary>
    private const int MaxDepth = 32;

    /// <summary>
    /// <c>bpf_core_fields_are_compat</c>: composites match any composite, pointers and floats any of their kind,
    /// enums and forward declarations by essential name, integers unless they are old bitfield-like ones, arrays by
    /// their elements.
    /// </summary>
    public static bool FieldsAreCompatible(BtfSpec local, int localId, BtfSpec target, int targetId)
    {
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var l = CoreTypes.Skip(local, localId);
            var t = CoreTypes.Skip(target, targetId);
            if (l is BtfComposite && t is BtfComposite)
            {
                return true;
            }

            if (!CoreTypes.KindCompatible(l, t))
            {
                return false;
            }

            switch (l)
            {
                case BtfPointer or BtfFloat:
                    return true;
                case BtfForward or BtfEnum:
                    // One of them anonymous, or both with the same name once flavours are stripped.
                    return l.Name.Length == 0 || t.Name.Length == 0 || CoreTypes.EssentialName(l.Name) == CoreTypes.EssentialName(t.Name);
                case BtfInt li:
                    return li.BitOffset == 0 && ((BtfInt)t).BitOffset == 0;
                case BtfArray la:
                    localId = la.ElementType;
                    targetId = ((BtfArray)t).ElementType;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>bpf_core_types_are_compat</c>: the same kind after typedefs and qualifiers; structs, unions, enums and
    /// forward declarations by kind alone (their names already matched as candidates), pointers and arrays by what
    /// they point to, prototypes parameter by parameter.
    /// </summary>
    public static bool TypesAreCompatible(BtfSpec local, int localId, BtfSpec target, int targetId, int level = MaxDepth)
    {
        if (level <= 0 || !CoreTypes.KindCompatible(local[localId], target[targetId]))
        {
            return false;
        }

        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var l = CoreTypes.Skip(local, localId);
            var t = CoreTypes.Skip(target, targetId);
            if (!CoreTypes.KindCompatible(l, t))
            {
                return false;
            }

            switch (l)
            {
                case BtfVoid or BtfComposite or BtfEnum or BtfForward:
                    return true;
                case BtfInt li:
                    return li.BitOffset == 0 && ((BtfInt)t).BitOffset == 0;
                case BtfPointer lp:
                    localId = lp.Type;
                    targetId = ((BtfPointer)t).Type;
                    break;
                case BtfArray la:
                    localId = la.ElementType;
                    targetId = ((BtfArray)t).ElementType;
                    break;
                case BtfFunctionProto lf:
                    var tf = (BtfFunctionProto)t;
                    if (lf.Parameters.Length != tf.Parameters.Length)
                    {
                        return false;
                    }

                    for (var i = 0; i < lf.Parameters.Length; i++)
                    {
                        var lpId = CoreTypes.Skip(local, lf.Parameters[i].Type).Id;
                        var tpId = CoreTypes.Skip(target, tf.Parameters[i].Type).Id;
                        if (!TypesAreCompatible(local, lpId, target, tpId, level - 1))
                        {
                            return false;
                        }
                    }

                    localId = lf.ReturnType;
                    targetId = tf.ReturnType;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>bpf_core_types_match</c>: names match at every level, integers in size and signedness, arrays in count,
    /// enums when each local enumerator is named in the target, structs and unions when each local member has a
    /// matching target member; behind a pointer a composite matches its forward declaration.
    /// </summary>
    public static bool TypesMatch(BtfSpec local, int localId, BtfSpec target, int targetId) =>
        NamesMatch(local[localId].Name, target[targetId].Name) && Match(local, localId, target, targetId, false, MaxDepth);

    private static bool Match(BtfSpec local, int localId, BtfSpec target, int targetId, bool behindPointer, int level)
    {
        for (var depth = 0; depth < MaxDepth && level > 0; depth++)
        {
            var l = CoreTypes.Skip(local, localId);
            var t = CoreTypes.Skip(target, targetId);
            if (!NamesMatch(l.Name, t.Name))
            {
                return false;
            }

            switch (l)
            {
                case BtfVoid:
                    return t is BtfVoid;
                case BtfForward lf:
                    return t switch
                    {
                        BtfForward tf => lf.IsUnion == tf.IsUnion,
                        BtfStruct when behindPointer => !lf.IsUnion,
                        BtfUnion when behindPointer => lf.IsUnion,
                        _ => false,
                    };
                case BtfEnum le:
                    return t is BtfEnum te && le.Size == te.Size
                        && le.Values.All(v => te.Values.Any(w => NamesMatch(v.Name, w.Name)));
                case BtfComposite lc when behindPointer:
                    return l.Kind == t.Kind || (t is BtfForward tf2 && tf2.IsUnion == lc is BtfUnion);
                case BtfComposite lc:
                    return l.Kind == t.Kind && CompositesMatch(local, lc, target, (BtfComposite)t, level);
                case BtfInt li:
                    return t is BtfInt ti && li.Size == ti.Size && li.IsSigned == ti.IsSigned;
                case BtfPointer lp when t is BtfPointer tp:
                    behindPointer = true;
                    localId = lp.Type;
                    targetId = tp.Type;
                    break;
                case BtfArray la when t is BtfArray ta && la.Count == ta.Count:
                    localId = la.ElementType;
                    targetId = ta.ElementType;
                    break;
                case BtfFunctionProto lf when t is BtfFunctionProto tf && lf.Parameters.Length == tf.Parameters.Length:
                    for (var i = 0; i < lf.Parameters.Length; i++)
                    {
                        if (!Match(local, lf.Parameters[i].Type, target, tf.Parameters[i].Type, behindPointer, level - 1))
                        {
                            return false;
                        }
                    }

                    localId = lf.ReturnType;
                    targetId = tf.ReturnType;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool CompositesMatch(BtfSpec local, BtfComposite l, BtfSpec target, BtfComposite t, int level) =>
        l.Members.Length <= t.Members.Length
        && l.Members.All(lm => t.Members.Any(tm => NamesMatch(lm.Name, tm.Name) && Match(local, lm.Type, target, tm.Type, false, level - 1)));

    /// <summary>libbpf's <c>bpf_core_names_match</c>: essential names equal; an anonymous target matches only an anonymous local.</summary>
    public static bool NamesMatch(string local, string target) =>
        target.Length == 0 ? local.Length == 0 : CoreTypes.EssentialName(local) == CoreTypes.EssentialName(target);
}
