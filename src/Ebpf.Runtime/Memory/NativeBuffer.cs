using System.Runtime.InteropServices;

namespace Ebpf.Runtime.Memory;

/// <summary>Zeroed native memory with a stable address, freed on dispose: what programs see as real pointers.</summary>
public sealed unsafe class NativeBuffer : OwnedMemory
{
    /// <summary>Allocates <paramref name="length"/> zeroed bytes (at least one, so the address is never null).</summary>
    public NativeBuffer(int length)
        : base(Allocate(length))
    {
        Length = length;
    }

    /// <summary>Allocates a copy of <paramref name="contents"/>.</summary>
    public NativeBuffer(ReadOnlySpan<byte> contents)
        : this(contents.Length)
    {
        contents.CopyTo(Span);
    }

    /// <summary>Length in bytes.</summary>
    public int Length { get; }

    /// <summary>The contents.</summary>
    public Span<byte> Span => SpanOf(Length);

    /// <summary>The buffer as a region a program may read, and write when <paramref name="writable"/>.</summary>
    public MemoryRegion AsRegion(string name, bool writable = true) => new(Address, (ulong)Length, writable, name);

    private protected override void Free(byte* pointer) => NativeMemory.AlignedFree(pointer);

    private static byte* Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var pointer = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1), 16);
        NativeMemory.Clear(pointer, (nuint)Math.Max(length, 1));
        return pointer;
    }
}
