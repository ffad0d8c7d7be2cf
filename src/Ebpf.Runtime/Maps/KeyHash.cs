using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// The hash of map keys, seeded per map as the kernel seeds <c>jhash</c> with <c>hashrnd</c>: 16 bytes at a time,
/// each block folded in by one 64x64-to-128-bit multiply of the two halves (keyed with the running hash), high and
/// low products xored. A u32, a u64 or a 5-tuple's 16 bytes thus cost one multiply, cheaper than <c>jhash</c>'s
/// three rounds of add-rotate-xor.
/// </summary>
/// <remarks>
/// Inlined with a constant length (the key shapes, <see cref="IKeyShape"/>), the branches on the length fold away,
/// so the specialised lookups hash exactly as <see cref="Compute"/> does for the same length (a test holds them to it).
/// </remarks>
internal static unsafe class KeyHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Compute(byte* key, int length, ulong seed)
    {
        var h = seed ^ ((ulong)(uint)length * Prime1);
        var rest = length;
        while (rest > 16)
        {
            h = Mix(Unsafe.ReadUnaligned<ulong>(key) ^ seed ^ Prime2, Unsafe.ReadUnaligned<ulong>(key + 8) ^ h);
            key += 16;
            rest -= 16;
        }

        ulong low, high;
        if (rest >= 8)
        {
            low = Unsafe.ReadUnaligned<ulong>(key);
            high = Tail(key + 8, rest - 8);
        }
        else
        {
            low = Tail(key, rest);
            high = 0;
        }

        var mixed = Mix(low ^ seed ^ Prime2, high ^ h);
        return (uint)(mixed ^ (mixed >> 32));
    }

    /// <summary>The high and low halves of the 128-bit product, xored: every input bit reaches the middle bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong a, ulong b)
    {
        // The high half by mulx and the low by a second, independent multiply: both stay in registers (the low half
        // of Math.BigMul, an out parameter, goes through the stack and adds a store-to-load delay).
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.MultiplyNoFlags(a, b) ^ (a * b);
        }

        var high = Math.BigMul(a, b, out var low);
        return high ^ low;
    }

    /// <summary>The last 0 to 8 bytes as a little-endian word, zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Tail(byte* bytes, int count)
    {
        switch (count)
        {
            case 0:
                return 0;
            case 4:
                return Unsafe.ReadUnaligned<uint>(bytes);
            case 8:
                return Unsafe.ReadUnaligned<ulong>(bytes);
            default:
                return TailBytes(bytes, count);
        }
    }

    private static ulong TailBytes(byte* bytes, int count)
    {
        ulong tail = 0;
        var shift = 0;
        if (count >= 4)
        {
            tail = Unsafe.ReadUnaligned<uint>(bytes);
            bytes += 4;
            count -= 4;
            shift = 32;
        }

        for (var i = 0; i < count; i++, shift += 8)
        {
            tail |= (ulong)bytes[i] << shift;
        }

        return tail;
    }
}
