using Ebpf.Elf.Btf;

namespace Ebpf.Elf.CoRe;

/// <summary>Small facts about BTF types that libbpf's CO-RE code asks again and again.</summary>
internal static class CoreTypes
{
    /// <summary>libbpf's <c>skip_mods_and_typedefs</c>: the type under typedefs, qualifiers and type tags, with its id.</summary>
    public static BtfType Skip(BtfSpec btf, int id) => btf.Resolve(id);

    public static bool IsComposite(BtfType type) => type is BtfComposite;

    public static bool IsAnyEnum(BtfType type) => type is BtfEnum;

    /// <summary>libbpf's <c>btf_kind_core_compat</c>: the same kind, or both enums (32- and 64-bit).</summary>
    public static bool KindCompatible(BtfType local, BtfType target) =>
        local.Kind == target.Kind || (IsAnyEnum(local) && IsAnyEnum(target));

    /// <summary>
    /// libbpf's <c>bpf_core_essential_name_len</c>: a name without its <c>___flavour</c> suffix, the last
    /// <c>X___Y</c> where neither X nor Y is an underscore (<c>task_struct___v2</c> is <c>task_struct</c>).
    /// </summary>
    public static string EssentialName(string name)
    {
        for (var i = name.Length - 5; i >= 0; i--)
        {
            if (name[i] != '_' && name[i + 1] == '_' && name[i + 2] == '_' && name[i + 3] == '_' && name[i + 4] != '_')
            {
                return name[..(i + 1)];
            }
        }

        return name;
    }

    /// <summary>libbpf's <c>btf_member_bitfield_size</c>: only kind_flag encodings name a bitfield width.</summary>
    public static int BitfieldSize(BtfMember member) => member.BitfieldSize;

    /// <summary>The size of <paramref name="id"/>, or null when it has none (<c>btf__resolve_size</c> failing).</summary>
    public static long? SizeOf(BtfSpec btf, int id) => btf.TrySizeOf(id, out var size) ? size : null;

    /// <summary>
    /// libbpf's <c>is_flex_arr</c>: a zero-length array that is the last member of the composite named by the
    /// previous accessor may be indexed past its (zero) count.
    /// </summary>
    public static bool IsFlexibleArray(BtfSpec btf, CoreAccessor? previous, BtfArray array)
    {
        if (previous is not { Name: not null } accessor || array.Count > 0)
        {
            return false;
        }

        return btf[accessor.TypeId] is BtfComposite composite && accessor.Index == composite.Members.Length - 1;
    }
}
