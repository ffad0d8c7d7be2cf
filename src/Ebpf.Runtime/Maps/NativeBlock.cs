using System.Runtime.InteropServices;

namespace Ebpf.Runtime.Maps;

/// <summary>Zeroed native memory with a fixed address for a map's elements; freed on dispose, or by the finalizer if a failed construction dropped it.</summary>
internal sealed unsafe class NativeBlock : IDisposable
{
    private byte* _pointer;

    /// <summary>Allocates <paramref name="length"/> zeroed bytes (at least one) aligned to <paramref name="alignment"/>.</summary>
    public NativeBlock(ulong length, int alignment = 64)
    {
        Length = length;
        var size = (nuint)Math.Max(length, 1UL);
        _pointer = (byte*)NativeMemory.AlignedAlloc(size, (nuint)alignment);
        NativeMemory.Clear(_pointer, size);
    }

    /// <summary>Length in bytes.</summary>
    public ulong Length { get; }

    /// <summary>The first byte.</summary>
    public byte* Pointer => _pointer;

    /// <summary>The address of the first byte.</summary>
    public ulong Address => (ulong)_pointer;

    ~NativeBlock() => Free();

    /// <inheritdoc />
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        var pointer = _pointer;
        _pointer = null;
        if (pointer != null)
        {
            NativeMemory.AlignedFree(pointer);
        }
    }
}
