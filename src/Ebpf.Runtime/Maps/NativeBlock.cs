using System.Runtime.InteropServices;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>Zeroed native memory with a fixed address for a map's elements; freed on dispose, or by the finalizer if a failed construction dropped it.</summary>
internal sealed unsafe class NativeBlock : OwnedMemory
{
    /// <summary>Allocates <paramref name="length"/> zeroed bytes (at least one) aligned to <paramref name="alignment"/>.</summary>
    public NativeBlock(ulong length, int alignment = 64)
        : base(Allocate(length, alignment))
    {
        Length = length;
    }

    /// <summary>Length in bytes.</summary>
    public ulong Length { get; }

    private protected override void Free(byte* pointer) => NativeMemory.AlignedFree(pointer);

    private static byte* Allocate(ulong length, int alignment)
    {
        var size = (nuint)Math.Max(length, 1UL);
        var pointer = (byte*)NativeMemory.AlignedAlloc(size, (nuint)alignment);
        NativeMemory.Clear(pointer, size);
        return pointer;
    }
}
