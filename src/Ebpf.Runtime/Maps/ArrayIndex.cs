using System.Runtime.CompilerServices;

namespace Ebpf.Runtime.Maps;

/// <summary>Index arithmetic shared by the array types (<c>kernel/bpf/arraymap.c</c>).</summary>
internal static unsafe class ArrayIndex
{
    /// <summary>The u32 index a key holds (keys on a program's stack may be unaligned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Read(byte* key) => Unsafe.ReadUnaligned<uint>(key);

    /// <summary>Reads the index a key holds; false when it lies past the array (lookups then find nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(byte* key, uint maxEntries, out uint index)
    {
        index = Read(key);
        return index < maxEntries;
    }

    /// <summary>Reads the index a key holds and applies <see cref="CheckUpdate"/> to it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MapError ForUpdate(byte* key, ulong flags, uint maxEntries, bool lockAllowed, out uint index)
    {
        index = Read(key);
        return CheckUpdate(index, flags, maxEntries, lockAllowed);
    }

    /// <summary>
    /// The checks of <c>array_map_update_elem</c>, in the kernel's order: unknown flags, index past the end
    /// (<c>E2BIG</c>), <c>BPF_NOEXIST</c> (every element exists: <c>EEXIST</c>), then <c>BPF_F_LOCK</c> (no spin lock in the value).
    /// </summary>
    public static MapError CheckUpdate(uint index, ulong flags, uint maxEntries, bool lockAllowed)
    {
        var known = lockAllowed ? flags & ~(ulong)MapUpdateFlags.Lock : flags;
        return known > (ulong)MapUpdateFlags.Exist ? MapError.InvalidArgument
            : index >= maxEntries ? MapError.TooBig
            : (flags & (ulong)MapUpdateFlags.NoExist) != 0 ? MapError.Exists
            : (flags & (ulong)MapUpdateFlags.Lock) != 0 ? MapError.InvalidArgument
            : MapError.None;
    }

    /// <summary><c>array_map_get_next_key</c>: no key or an index past the end starts at 0; the last index ends the walk.</summary>
    public static MapError NextKey(byte* key, byte* nextKey, uint maxEntries)
    {
        var index = key == null ? uint.MaxValue : Read(key);
        if (index >= maxEntries)
        {
            Unsafe.WriteUnaligned(nextKey, 0u);
            return MapError.None;
        }

        if (index == maxEntries - 1)
        {
            return MapError.NotFound;
        }

        Unsafe.WriteUnaligned(nextKey, index + 1);
        return MapError.None;
    }

    /// <summary>Rounds a value size up to 8 bytes, the kernel's element size.</summary>
    public static ulong RoundUp8(uint size) => ((ulong)size + 7) & ~7UL;
}
