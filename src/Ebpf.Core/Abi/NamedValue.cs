namespace Ebpf.Core.Abi;

/// <summary>A value with a name and a meaning, such as a program's verdict (<c>XDP_PASS</c> is 2).</summary>
/// <param name="Value">The number.</param>
/// <param name="Name">Its name in C headers (<c>XDP_PASS</c>), or a short word where C has none.</param>
/// <param name="Meaning">What the hook does when the program returns it.</param>
public sealed record NamedValue(long Value, string Name, string Meaning);
