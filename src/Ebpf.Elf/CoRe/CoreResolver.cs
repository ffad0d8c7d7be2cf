using Ebpf.Elf.Btf;

namespace Ebpf.Elf.CoRe;

/// <summary>
/// Decides one CO-RE relocation as libbpf's <c>bpf_core_calc_relo_insn</c> does: parse the local spec, try every
/// candidate of the target BTF, require that all that match agree (else the relocation is ambiguous), and when none
/// matches compute the "not found" result (zero for existence checks, poison for offsets and values).
/// </summary>
internal static class CoreResolver
{
    /// <summary>The decision, or null and <paramref name="error"/> when the relocation is malformed or ambiguous.</summary>
    public static CoreResult? Resolve(BtfSpec local, BtfCoreRelocation relocation, BtfSpec? target, out string? error)
    {
        if (CoreSpecParser.TryParse(local, relocation, out error) is not { } localSpec)
        {
            return null;
        }

        if (relocation.Kind == BtfCoreRelocationKind.TypeIdLocal)
        {
            // The object's own id: needs no target, and the compiler's value may be stale after linking.
            return new CoreResult((ulong)relocation.TypeId, (ulong)relocation.TypeId, false, false);
        }

        var root = local[relocation.TypeId];
        if (root.IsAnonymous)
        {
            error = $"{local.FormatType(root.Id)} is anonymous: CO-RE finds target types by name";
            return null;
        }

        if (target is null)
        {
            error = "no target BTF to relocate against: pass --btf FILE (or the API's ObjectReadOptions.TargetBtf), "
                + "or run where /sys/kernel/btf/vmlinux exists";
            return null;
        }

        CoreResult? chosen = null;
        CoreSpec? chosenSpec = null;
        foreach (var candidate in CoreCandidates.Find(root, target))
        {
            var spec = CoreSpecMatcher.Match(localSpec, relocation.Kind, target, candidate.Id, out error);
            if (error is not null)
            {
                return null;
            }

            if (spec is null)
            {
                continue;
            }

            if (CoreCalculator.Calculate(relocation.Kind, localSpec, spec, out error) is not { } result)
            {
                return null;
            }

            if (chosen is null)
            {
                (chosen, chosenSpec) = (result, spec);
                continue;
            }

            if (spec.BitOffset != chosenSpec!.BitOffset || result.Poison != chosen.Poison || result.New != chosen.New)
            {
                error = $"ambiguous: candidates {chosenSpec.Describe()} and {spec.Describe()} give different results ({chosen.New} and {result.New})";
                return null;
            }
        }

        return chosen ?? CoreCalculator.Calculate(relocation.Kind, localSpec, null, out error);
    }
}
