using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ebpf.Runtime.Maps;

/// <summary>The hash of map keys: 8 bytes at a time with a multiply-rotate mix and a final avalanche, seeded per map as the kernel seeds <c>jhash</c> with <c>hashrnd</c>.</summary>
internal static unsafe class KeyHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Compute(byte* key, int length, ulong seed)
    {
        var h = seed ^ ((ulong)length * Prime1);
        var i = 0;
        for (; i + 8 <= length; i += 8)
        {
            h = Round(h, Unsafe.ReadUnaligned<ulong>(key + i));
        }

        if (i + 4 <= length)
        {
            h = Round(h, Unsafe.ReadUnaligned<uint>(key + i));
            i += 4;
        }

        ulong tail = 0;
        for (var shift = 0; i < length; i++, shift += 8)
        {
            tail |= (ulong)key[i] << shift;
        }

        h = Round(h, tail);
        h ^= h >> 33;
        h *= Prime2;
        h ^= h >> 29;
        h *= Prime1;
        h ^= h >> 32;
        return (uint)h;
    }

    private static ulong Round(ulong h, ulong lane) => (BitOperations.RotateLeft(h ^ (lane * Prime2), 31) * Prime1) + Prime2;
}
