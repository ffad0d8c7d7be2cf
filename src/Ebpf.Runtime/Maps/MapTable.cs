using System.Runtime.InteropServices;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// The process-wide table of live maps: one <see cref="MapHandleLayout.Size"/>-byte handle block per slot
/// in one native arena, and the map of each slot. A handle maps back to its map by arithmetic. The arena
/// is allocated zeroed on first use (untouched pages cost nothing) and lives as long as the process.
/// </summary>
internal static unsafe class MapTable
{
    /// <summary>Most maps alive at once.</summary>
    public const int Capacity = 1 << 16;

    private static readonly BpfMap?[] Slots = new BpfMap?[Capacity];
    private static readonly Dictionary<uint, BpfMap> ById = [];
    private static readonly Queue<int> FreedSlots = new();
    private static readonly Lock Gate = new();
    private static byte* _arena;
    private static int _highWater;
    private static uint _lastId;

    /// <summary>Gives <paramref name="map"/> a slot and an id; false when the table is full.</summary>
    public static bool TryRegister(BpfMap map, out int slot, out uint id, out byte* handle)
    {
        lock (Gate)
        {
            if (_arena == null)
            {
                _arena = (byte*)NativeMemory.AllocZeroed((nuint)Capacity * MapHandleLayout.Size);
            }

            if (FreedSlots.Count > 0)
            {
                slot = FreedSlots.Dequeue();
            }
            else if (_highWater < Capacity)
            {
                slot = _highWater++;
            }
            else
            {
                slot = -1;
                id = 0;
                handle = null;
                return false;
            }

            id = ++_lastId;
            handle = _arena + (long)slot * MapHandleLayout.Size;
            ById.Add(id, map);
            return true;
        }
    }

    /// <summary>Makes the map findable by handle once its handle block is written.</summary>
    public static void Publish(BpfMap map, int slot) => Volatile.Write(ref Slots[slot], map);

    /// <summary>Removes the map; its handle block is zeroed so that stale handles find nothing.</summary>
    public static void Unregister(int slot, uint id)
    {
        lock (Gate)
        {
            Volatile.Write(ref Slots[slot], null);
            NativeMemory.Clear(_arena + (long)slot * MapHandleLayout.Size, MapHandleLayout.Size);
            ById.Remove(id);
            FreedSlots.Enqueue(slot);
        }
    }

    /// <summary>The live map whose handle is <paramref name="address"/>, or null. Never reads the address.</summary>
    public static BpfMap? FromHandle(ulong address)
    {
        var arena = (ulong)_arena;
        var offset = address - arena;
        if (arena == 0 || offset >= (ulong)Capacity * MapHandleLayout.Size || offset % MapHandleLayout.Size != 0)
        {
            return null;
        }

        return Volatile.Read(ref Slots[(int)(offset / MapHandleLayout.Size)]);
    }

    /// <summary>
    /// The live map of <paramref name="handle"/>, which must be the handle of a live map (a map reference the loader
    /// resolved, checked once when the code was prepared): its slot is read from the handle block, no range check, so
    /// that compiled code reaches the map in two loads, inlined.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static BpfMap OfLiveHandle(ulong handle) =>
        System.Runtime.CompilerServices.Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Slots), *(int*)(handle + MapHandleLayout.Slot))!;

    /// <summary>The live map with this id, or null.</summary>
    public static BpfMap? FromId(uint id)
    {
        lock (Gate)
        {
            return ById.GetValueOrDefault(id);
        }
    }
}
