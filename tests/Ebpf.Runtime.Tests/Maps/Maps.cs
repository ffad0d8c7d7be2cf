using System.Buffers.Binary;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Tests.Maps;

/// <summary>Creates maps and builds keys and values for map tests.</summary>
internal static class Maps
{
    public static MapOptions TwoCpus { get; } = new(2);

    public static MapSpec Spec(MapType type, uint keySize, uint valueSize, uint maxEntries, MapFlags flags = MapFlags.None, MapSpec? inner = null) =>
        new($"test_{type}".ToLowerInvariant(), type, keySize, valueSize, maxEntries, flags) { InnerMap = inner };

    public static BpfMap Create(MapType type, uint keySize, uint valueSize, uint maxEntries, MapFlags flags = MapFlags.None, MapSpec? inner = null, int cpus = 2) =>
        BpfMap.Create(Spec(type, keySize, valueSize, maxEntries, flags, inner), new MapOptions(cpus));

    public static T Create<T>(MapType type, uint keySize, uint valueSize, uint maxEntries, MapFlags flags = MapFlags.None, MapSpec? inner = null, int cpus = 2)
        where T : BpfMap =>
        Assert.IsType<T>(Create(type, keySize, valueSize, maxEntries, flags, inner, cpus));

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    public static uint ReadU32(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    public static ulong ReadU64(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt64LittleEndian(bytes);

    /// <summary>An LPM trie key: prefix length (host order), then the address bytes.</summary>
    public static byte[] Prefix(uint length, params byte[] data) => [.. U32(length), .. data];

    /// <summary>The value as a u32, or null when the lookup failed.</summary>
    public static uint? LookupU32(BpfMap map, byte[] key)
    {
        var value = new byte[map.UserValueSize];
        return map.Lookup(key, value) == MapError.None ? ReadU32(value) : null;
    }

    /// <summary>Every key in get-next-key order, as u32s.</summary>
    public static List<uint> KeysU32(BpfMap map) => [.. map.EnumerateKeys().Select(k => ReadU32(k))];

    /// <summary>Runs a program-side call with a key (and value) placed in native memory, as a program passes them.</summary>
    public static unsafe ulong ProgramLookup(BpfMap map, byte[] key)
    {
        fixed (byte* k = key)
        {
            return map.LookupElement(k);
        }
    }

    public static unsafe long ProgramUpdate(BpfMap map, byte[] key, byte[] value, ulong flags = 0)
    {
        fixed (byte* k = key, v = value)
        {
            return map.UpdateElement(k, v, flags);
        }
    }

    public static unsafe long ProgramDelete(BpfMap map, byte[] key)
    {
        fixed (byte* k = key)
        {
            return map.DeleteElement(k);
        }
    }

    public static unsafe uint ReadU32(ulong address) => *(uint*)address;
}
