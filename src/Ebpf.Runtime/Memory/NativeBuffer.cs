using System.Runtime.InteropServices;

namespace Ebpf.Runtime.Memory;

/// <summary>Zeroed native memory with a stable address, freed on dispose: what programs see as real pointers.</summary>
public sealed unsafe class NativeBuffer : IDisposable
{
    private byte* _pointer;

    /// <summary>Allocates <paramref name="length"/> zeroed bytes (at least one, so the address is never null).</summary>
    public NativeBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1), 16);
        NativeMemory.Clear(_pointer, (nuint)Math.Max(length, 1));
    }

    /// <summary>Allocates a copy of <paramref name="contents"/>.</summary>
    public NativeBuffer(ReadOnlySpan<byte> contents)
        : this(contents.Length)
    {
        contents.CopyTo(Span);
    }

    /// <summary>Length in bytes.</summary>
    public int Length { get; }

    /// <summary>The address of the first byte.</summary>
    public ulong Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer == null, this);
            return (ulong)_pointer;
        }
    }

    /// <summary>The contents.</summary>
    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer == null, this);
            return new Span<byte>(_pointer, Length);
        }
    }

    /// <summary>The buffer as a region a program may read, and write when <paramref name="writable"/>.</summary>
    public MemoryRegion AsRegion(string name, bool writable = true) => new(Address, (ulong)Length, writable, name);

    /// <summary>Frees the memory if its owner forgot to.</summary>
    ~NativeBuffer() => Free();

    /// <inheritdoc />
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}
