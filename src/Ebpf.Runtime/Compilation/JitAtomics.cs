using System.Runtime.CompilerServices;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// The atomic instructions on real memory, as compiled code calls them: each returns the old value
/// (zero-extended for 32-bit forms), which the fetching forms and <c>cmpxchg</c> deliver. Small enough to inline.
/// </summary>
internal static unsafe class JitAtomics
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add64(ulong address, ulong value) => Interlocked.Add(ref *(ulong*)address, value) - value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Or64(ulong address, ulong value) => Interlocked.Or(ref *(ulong*)address, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong And64(ulong address, ulong value) => Interlocked.And(ref *(ulong*)address, value);

    public static ulong Xor64(ulong address, ulong value)
    {
        ref var cell = ref *(ulong*)address;
        ulong old;
        do
        {
            old = Volatile.Read(ref cell);
        }
        while (Interlocked.CompareExchange(ref cell, old ^ value, old) != old);
        return old;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Exchange64(ulong address, ulong value) => Interlocked.Exchange(ref *(ulong*)address, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CompareExchange64(ulong address, ulong value, ulong comparand) =>
        Interlocked.CompareExchange(ref *(ulong*)address, value, comparand);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add32(ulong address, ulong value) => Interlocked.Add(ref *(uint*)address, (uint)value) - (uint)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Or32(ulong address, ulong value) => Interlocked.Or(ref *(uint*)address, (uint)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong And32(ulong address, ulong value) => Interlocked.And(ref *(uint*)address, (uint)value);

    public static ulong Xor32(ulong address, ulong value)
    {
        ref var cell = ref *(uint*)address;
        uint old;
        do
        {
            old = Volatile.Read(ref cell);
        }
        while (Interlocked.CompareExchange(ref cell, old ^ (uint)value, old) != old);
        return old;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Exchange32(ulong address, ulong value) => Interlocked.Exchange(ref *(uint*)address, (uint)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CompareExchange32(ulong address, ulong value, ulong comparand) =>
        Interlocked.CompareExchange(ref *(uint*)address, (uint)value, (uint)comparand);
}
