using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Verifier;

namespace Ebpf.Runtime.Loading;

/// <summary>
/// Load-time verification: a program is proven safe against its object's map specs before an engine
/// prepares it, as the kernel verifies in <c>BPF_PROG_LOAD</c>. It runs after the cheaper load checks
/// (program type supported, helpers allowed and implemented), whose diagnostics say more about those problems.
/// </summary>
internal static class LoadVerification
{
    /// <summary>Verifies <paramref name="program"/>, typed as it will be loaded, against its platform's table <paramref name="abi"/>.</summary>
    /// <exception cref="DiagnosticException">The verifier rejected it; carries its diagnostics, located in the program.</exception>
    public static void Run(ProgramSpec program, IReadOnlyList<MapSpec> maps, AbiTable abi)
    {
        var result = ProgramVerifier.Verify(program, maps, new VerifierOptions { Abi = abi });
        if (!result.IsAccepted)
        {
            throw new DiagnosticException([.. result.Diagnostics.Select(d => d with
            {
                Location = d.Location with { Program = d.Location.Program ?? program.Name, Section = d.Location.Section ?? program.SectionName },
            })]);
        }
    }
}
