namespace Ebpf.Runtime.Memory;

/// <summary>A range of native memory a program may touch: context, packet, map value, test data.</summary>
/// <param name="Start">Address of the first byte.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="Writable">Whether stores are allowed.</param>
/// <param name="Name">What the region is, for fault messages (<c>context</c>, <c>packet</c>, <c>stack</c>).</param>
public readonly record struct MemoryRegion(ulong Start, ulong Length, bool Writable, string Name)
{
    /// <summary>True when <paramref name="size"/> bytes at <paramref name="address"/> lie wholly inside the region.</summary>
    public bool Contains(ulong address, int size) =>
        address >= Start && (ulong)size <= Length && address - Start <= Length - (ulong)size;

    /// <inheritdoc />
    public override string ToString() => $"{Name} [0x{Start:x}, 0x{Start + Length:x})";
}
