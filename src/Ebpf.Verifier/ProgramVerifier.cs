using Ebpf.Core.Specs;

namespace Ebpf.Verifier;

/// <summary>Decides, before a program may run, whether it is safe on every path.</summary>
public static class ProgramVerifier
{
    /// <summary>
    /// Verifies <paramref name="program"/>, whose map references (<c>lddw</c> map-by-index and map-value-by-index)
    /// index <paramref name="maps"/>.
    /// </summary>
    /// <param name="program">The linked and relocated program.</param>
    /// <param name="maps">The maps of its object, in the order its map references index them.</param>
    /// <param name="options">The platform and what to record; <see cref="VerifierOptions.Default"/> when null.</param>
    /// <returns>Accepted, or the diagnostics that explain the rejection.</returns>
    public static VerificationResult Verify(ProgramSpec program, IReadOnlyList<MapSpec> maps, VerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(maps);
        throw new NotSupportedException("The verifier's analysis is being built (issue 5).");
    }
}
