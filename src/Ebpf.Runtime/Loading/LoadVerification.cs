using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Verifier;

namespace Ebpf.Runtime.Loading;

/// <summary>
/// Load-time verification: every program that will be loaded is proven safe against the object's map
/// specs before anything live is created, as the kernel verifies in <c>BPF_PROG_LOAD</c>.
/// </summary>
internal static class LoadVerification
{
    /// <summary>Verifies the programs <paramref name="options"/> loads, with the types it gives them.</summary>
    /// <exception cref="DiagnosticException">A program was rejected; carries every rejected program's diagnostics.</exception>
    public static void Run(ObjectSpec spec, LoadOptions options)
    {
        var rejections = new List<Diagnostic>();
        var verifier = new VerifierOptions { Abi = AbiTable.Linux };
        foreach (var program in spec.Programs.Where(p => !options.SkipPrograms.Contains(p.Name)))
        {
            var typed = options.ProgramTypes.TryGetValue(program.Name, out var type) ? program with { Type = type } : program;
            if (typed.IsTypeUnknown && !options.ProgramTypes.ContainsKey(program.Name))
            {
                // Loading refuses it with UnknownProgramType, which says more than a verifier rejection would.
                continue;
            }

            var result = ProgramVerifier.Verify(typed, spec.Maps, verifier);
            rejections.AddRange(result.Diagnostics.Select(d => d.Location.Program is null
                ? d with { Location = d.Location with { Program = program.Name, Section = d.Location.Section ?? program.SectionName } }
                : d));
        }

        if (rejections.Count > 0)
        {
            throw new DiagnosticException(rejections);
        }
    }
}
