using System.ComponentModel;
using System.Runtime.CompilerServices;
using Ebpf.Runtime.Compilation;

namespace Ebpf.Runtime.Native;

/// <summary>
/// The atomic instructions as generated code calls them: the JIT's own implementations (Interlocked on the real memory),
/// each returning the old value, zero-extended for 32-bit forms. Not meant for hand-written code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NativeAtomics
{
    /// <summary><c>lock *(u64 *)address += value</c>.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The operand.</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add64(ulong address, ulong value) => JitAtomics.Add64(address, value);

    /// <summary><c>lock *(u64 *)address |= value</c>.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The operand.</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Or64(ulong address, ulong value) => JitAtomics.Or64(address, value);

    /// <summary><c>lock *(u64 *)address &amp;= value</c>.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The operand.</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong And64(ulong address, ulong value) => JitAtomics.And64(address, value);

    /// <summary><c>lock *(u64 *)address ^= value</c>.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The operand.</param>
    /// <returns>The old value.</returns>
    public static ulong Xor64(ulong address, ulong value) => JitAtomics.Xor64(address, value);

    /// <summary>Atomic exchange of a 64-bit value.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The new value.</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Exchange64(ulong address, ulong value) => JitAtomics.Exchange64(address, value);

    /// <summary>Atomic compare-and-exchange of a 64-bit value.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The new value.</param>
    /// <param name="comparand">r0, the expected value.</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CompareExchange64(ulong address, ulong value, ulong comparand) => JitAtomics.CompareExchange64(address, value, comparand);

    /// <summary><c>lock *(u32 *)address += value</c>.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The operand (its low 32 bits).</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add32(ulong address, ulong value) => JitAtomics.Add32(address, value);

    /// <summary><c>lock *(u32 *)address |= value</c>.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The operand.</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Or32(ulong address, ulong value) => JitAtomics.Or32(address, value);

    /// <summary><c>lock *(u32 *)address &amp;= value</c>.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The operand.</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong And32(ulong address, ulong value) => JitAtomics.And32(address, value);

    /// <summary><c>lock *(u32 *)address ^= value</c>.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The operand.</param>
    /// <returns>The old value.</returns>
    public static ulong Xor32(ulong address, ulong value) => JitAtomics.Xor32(address, value);

    /// <summary>Atomic exchange of a 32-bit value.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The new value.</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Exchange32(ulong address, ulong value) => JitAtomics.Exchange32(address, value);

    /// <summary>Atomic compare-and-exchange of a 32-bit value.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The new value.</param>
    /// <param name="comparand">r0, the expected value.</param>
    /// <returns>The old value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CompareExchange32(ulong address, ulong value, ulong comparand) => JitAtomics.CompareExchange32(address, value, comparand);
}
