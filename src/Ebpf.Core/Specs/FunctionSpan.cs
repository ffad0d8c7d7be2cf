namespace Ebpf.Core.Specs;

/// <summary>A function inside a program's instructions: the program itself or a sub-program linked into it.</summary>
/// <param name="Name">The function's symbol name.</param>
/// <param name="Start">Index of its first instruction slot.</param>
/// <param name="Length">Number of slots.</param>
public sealed record FunctionSpan(string Name, int Start, int Length);
