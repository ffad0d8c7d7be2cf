namespace Ebpf.Core.Isa.Text;

/// <summary>The slots of one assembled instruction, and the label its target names if it is not resolved yet.</summary>
/// <param name="First">The instruction slot.</param>
/// <param name="Second">The second slot of <c>lddw</c>.</param>
/// <param name="Label">The label of a jump or local call, to resolve once every label is known.</param>
internal readonly record struct EncodedLine(Instruction First, Instruction? Second, string? Label);
