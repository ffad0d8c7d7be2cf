using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf.CoRe;

/// <summary>
/// The target types a local type may stand for (libbpf's <c>bpf_core_add_cands</c>): named, of a compatible kind,
/// with the same essential name (<c>___flavour</c> stripped on both sides). Indexed once per target BTF, since a
/// kernel's holds a hundred thousand types and an object asks for many.
/// </summary>
internal static class CoreCandidates
{
    private static readonly ConditionalWeakTable<BtfSpec, FrozenDictionary<string, int[]>> Indexes = [];

    public static IReadOnlyList<BtfType> Find(BtfType local, BtfSpec target)
    {
        var index = Indexes.GetValue(target, Build);
        if (!index.TryGetValue(CoreTypes.EssentialName(local.Name), out var ids))
        {
            return [];
        }

        return [.. ids.Select(id => target.Types[id]).Where(t => CoreTypes.KindCompatible(local, t))];
    }

    private static FrozenDictionary<string, int[]> Build(BtfSpec target)
    {
        var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var type in target.Types)
        {
            if (type.IsAnonymous)
            {
                continue;
            }

            var name = CoreTypes.EssentialName(type.Name);
            if (!byName.TryGetValue(name, out var ids))
            {
                byName[name] = ids = [];
            }

            ids.Add(type.Id);
        }

        return byName.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
