namespace Ebpf.Runtime.Memory;

/// <summary>
/// Native memory with a stable address that one object owns, as programs need it for real pointers: the address
/// while alive, freed exactly once, on dispose or by the finalizer if the owner forgot (or a failed constructor
/// dropped it). Subclasses say how the memory was obtained and how it goes back.
/// </summary>
public abstract unsafe class OwnedMemory : IDisposable
{
    private byte* _pointer;

    /// <summary>Takes ownership of <paramref name="pointer"/>, which must not be null.</summary>
    private protected OwnedMemory(byte* pointer) => _pointer = pointer;

    /// <summary>The address of the first byte.</summary>
    /// <exception cref="ObjectDisposedException">The memory was freed.</exception>
    public ulong Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer == null, this);
            return (ulong)_pointer;
        }
    }

    /// <summary>The first byte, unchecked: for owners that take it once and never use it after disposing.</summary>
    internal byte* Pointer => _pointer;

    /// <summary>Frees the memory if its owner forgot to.</summary>
    ~OwnedMemory() => Release();

    /// <inheritdoc />
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    /// <summary>The span of <paramref name="length"/> bytes from the first.</summary>
    /// <exception cref="ObjectDisposedException">The memory was freed.</exception>
    private protected Span<byte> SpanOf(int length)
    {
        ObjectDisposedException.ThrowIf(_pointer == null, this);
        return new Span<byte>(_pointer, length);
    }

    /// <summary>Gives <paramref name="pointer"/> back to where it came from; called once.</summary>
    private protected abstract void Free(byte* pointer);

    private void Release()
    {
        var pointer = _pointer;
        _pointer = null;
        if (pointer != null)
        {
            Free(pointer);
        }
    }
}
