namespace Ebpf.Verifier.Tests.Golden;

/// <summary>What a rejection must look like: its first diagnostic's code, instruction and a part of its message.</summary>
/// <param name="Id">The diagnostic as users see it (<c>EBPF5206</c>).</param>
/// <param name="Instruction">The instruction slot it names.</param>
/// <param name="MessagePart">Text its message must contain, or null.</param>
internal sealed record ExpectedRejection(string Id, int Instruction, string? MessagePart);
