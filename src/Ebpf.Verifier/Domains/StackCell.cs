namespace Ebpf.Verifier.Domains;

/// <summary>
/// A value stored on the stack whose type and number the analysis keeps: <see cref="Width"/> bytes at an offset.
/// Pointers keep their type only when spilled whole (8 bytes at an 8-aligned offset), as the kernel's spills do.
/// </summary>
/// <param name="Width">Bytes covered: 1, 2, 4 or 8.</param>
/// <param name="Type">What the bytes hold.</param>
internal readonly record struct StackCell(int Width, AbstractType Type);
