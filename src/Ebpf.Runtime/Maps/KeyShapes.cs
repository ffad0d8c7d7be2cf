using System.Runtime.CompilerServices;

namespace Ebpf.Runtime.Maps;

/// <summary>A 4-byte key (a u32: an index, an address).</summary>
internal readonly unsafe struct Key4 : IKeyShape
{
    public static int RecordStride => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(byte* key, int length, ulong seed) => KeyHash.Compute(key, 4, seed);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(byte* stored, byte* key, int length) => Unsafe.ReadUnaligned<uint>(stored) == Unsafe.ReadUnaligned<uint>(key);
}

/// <summary>An 8-byte key (a u64: a pid and tgid, a cookie).</summary>
internal readonly unsafe struct Key8 : IKeyShape
{
    public static int RecordStride => 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(byte* key, int length, ulong seed) => KeyHash.Compute(key, 8, seed);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(byte* stored, byte* key, int length) => Unsafe.ReadUnaligned<ulong>(stored) == Unsafe.ReadUnaligned<ulong>(key);
}

/// <summary>A 16-byte key (an IPv4 5-tuple with its padding, an IPv6 address).</summary>
internal readonly unsafe struct Key16 : IKeyShape
{
    public static int RecordStride => 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(byte* key, int length, ulong seed) => KeyHash.Compute(key, 16, seed);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(byte* stored, byte* key, int length) =>
        ((Unsafe.ReadUnaligned<ulong>(stored) ^ Unsafe.ReadUnaligned<ulong>(key)) | (Unsafe.ReadUnaligned<ulong>(stored + 8) ^ Unsafe.ReadUnaligned<ulong>(key + 8))) == 0;
}

/// <summary>Any other key size: the length is read from the map.</summary>
internal readonly unsafe struct KeyOfAnySize : IKeyShape
{
    public static int RecordStride => 0;

    public static uint Hash(byte* key, int length, ulong seed) => KeyHash.Compute(key, length, seed);

    public static bool Equal(byte* stored, byte* key, int length) => new ReadOnlySpan<byte>(stored, length).SequenceEqual(new ReadOnlySpan<byte>(key, length));
}
