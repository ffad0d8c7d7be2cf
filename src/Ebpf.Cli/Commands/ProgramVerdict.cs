using Ebpf.Core.Specs;
using Ebpf.Verifier;

namespace Ebpf.Cli.Commands;

/// <summary>One program's verdict as <c>ebpf verify</c> reports it.</summary>
/// <param name="Program">The program verified.</param>
/// <param name="Result">The verifier's verdict.</param>
/// <param name="AllocatedBytes">Memory the analysis allocated.</param>
internal sealed record ProgramVerdict(ProgramSpec Program, VerificationResult Result, long AllocatedBytes);
