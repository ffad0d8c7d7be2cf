namespace Ebpf.Runtime.Maps;

/// <summary>
/// A key size known when the JIT compiles a lookup: hash and compare specialised for it (a generic method over a
/// struct shape is compiled once per shape, with the length a constant), so the common keys (a u32, a u64, a
/// 5-tuple's 16 bytes) cost a few instructions and no call. <see cref="KeyOfAnySize"/> serves every other size.
/// </summary>
internal unsafe interface IKeyShape
{
    /// <summary><see cref="KeyHash.Compute"/> of the key (<paramref name="length"/> is the map's key size).</summary>
    static abstract uint Hash(byte* key, int length, ulong seed);

    /// <summary>The stride of a hash table's element records for this key size (a constant, so indexing is a shift), or 0 where it varies.</summary>
    static abstract int RecordStride { get; }

    /// <summary>Whether the two keys' bytes are equal.</summary>
    static abstract bool Equal(byte* stored, byte* key, int length);

    /// <summary>The shape for <paramref name="keySize"/>: which instantiation a lookup of that map should call.</summary>
    static Type For(int keySize) => keySize switch
    {
        4 => typeof(Key4),
        8 => typeof(Key8),
        16 => typeof(Key16),
        _ => typeof(KeyOfAnySize),
    };
}
