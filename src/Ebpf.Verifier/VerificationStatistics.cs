namespace Ebpf.Verifier;

/// <summary>What verifying one program cost.</summary>
/// <param name="Instructions">Instruction slots analysed.</param>
/// <param name="BasicBlocks">Basic blocks of the control-flow graph.</param>
/// <param name="Iterations">Block transfers the fixpoint computation made.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record VerificationStatistics(int Instructions, int BasicBlocks, int Iterations, TimeSpan Elapsed);
