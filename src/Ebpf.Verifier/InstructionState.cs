using System.Collections.Immutable;

namespace Ebpf.Verifier;

/// <summary>What the verifier knows just before an instruction runs, printed for people.</summary>
/// <param name="InstructionIndex">The instruction's slot index.</param>
/// <param name="Facts">One line per fact (<c>r1 = packet+[0, 0]</c>, <c>r2.value in [0, 65535]</c>), in a stable order.</param>
public sealed record InstructionState(int InstructionIndex, ImmutableArray<string> Facts);
