using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// The longest-prefix-match trie of <c>kernel/bpf/lpm_trie.c</c>, on preallocated native memory: a
/// path-compressed binary trie whose nodes hold a prefix (length and data bytes, most significant bit
/// first), two children chosen by the bit after the prefix, and a value slot, or none for intermediate
/// nodes that only split paths. Keys are <c>struct bpf_lpm_trie_key { u32 prefixlen; u8 data[]; }</c>.
/// </summary>
/// <remarks>
/// <para>Node record (<see cref="NodeHeader"/> bytes, then the data): child 0 (i32), child 1 (i32),
/// prefix length (u32), value slot (i32, -1 for intermediate nodes). Slot 0 of the block is the root
/// link. Free nodes are chained through child 0.</para>
/// <para>Writers take one spin lock, as the kernel's <c>trie->lock</c>. Readers take none: they read a
/// version that writers make odd while they change the trie, and walk again when it moved (a seqlock,
/// where the kernel relies on RCU). Nodes are at most <c>2 * max_entries</c>: every intermediate node has
/// two children, so there is at most one fewer than real nodes.</para>
/// </remarks>
internal sealed unsafe partial class LpmTrie : IDisposable
{
    private const int NodeHeader = 16;
    private const int Intermediate = -1;

    private readonly int _dataSize;
    private readonly uint _maxPrefix;
    private readonly uint _maxEntries;
    private readonly uint _valueSize;
    private readonly ulong _valueStride;
    private readonly ulong _nodeStride;
    private readonly NativeBlock _nodes;
    private readonly NativeBlock _values;
    private readonly byte* _nodeBase;
    private readonly byte* _valueBase;
    private readonly int[] _freeSlots;
    private int _freeSlotCount;
    private int _freeNode;
    private uint _entries;
    private int _gate;
    private int _version;

    public LpmTrie(uint keySize, uint valueSize, uint maxEntries)
    {
        _dataSize = (int)keySize - 4;
        _maxPrefix = (uint)_dataSize * 8;
        _maxEntries = maxEntries;
        _valueSize = valueSize;
        _valueStride = ArrayIndex.RoundUp8(valueSize);
        _nodeStride = ArrayIndex.RoundUp8((uint)(NodeHeader + _dataSize));
        var nodeCount = 2 * (int)maxEntries;
        _nodes = new NativeBlock(8 + (_nodeStride * (ulong)nodeCount));
        _values = new NativeBlock(_valueStride * maxEntries);
        _nodeBase = _nodes.Pointer + 8;
        _valueBase = _values.Pointer;
        *RootLink = -1;
        for (var i = 0; i < nodeCount; i++)
        {
            *Child(i, 0) = i + 1 < nodeCount ? i + 1 : -1;
        }

        _freeSlots = new int[maxEntries];
        for (var i = 0; i < maxEntries; i++)
        {
            _freeSlots[i] = (int)maxEntries - 1 - i;
        }

        _freeSlotCount = (int)maxEntries;
    }

    /// <summary>Native bytes a trie of this shape allocates.</summary>
    public static ulong NativeBytes(uint keySize, uint valueSize, uint maxEntries) =>
        8 + (ArrayIndex.RoundUp8(NodeHeader + keySize - 4) * 2 * maxEntries) + (ArrayIndex.RoundUp8(valueSize) * maxEntries);

    public ulong ValuesAddress => _values.Address;

    public ulong ValuesLength => _values.Length;

    private int* RootLink => (int*)(_nodeBase - 8);

    /// <summary><c>trie_lookup_elem</c>: the value address of the longest stored prefix that covers the key, or 0. Lock-free.</summary>
    /// <remarks>
    /// The common case stays small (programs call it directly, and the JIT inlines this part): an empty trie, seen as
    /// empty between two reads of the version, answers at once, as the kernel's does on a null root, without the frame
    /// the walk needs. Everything else (a walk, one that raced a writer) is out of line.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Lookup(byte* key)
    {
        var version = Volatile.Read(ref _version);
        if ((version & 1) == 0 && Volatile.Read(ref *RootLink) < 0)
        {
            // smp_rmb: the root's read stays before the version is read again (no fence instruction on x64).
            Volatile.ReadBarrier();
            if (Volatile.Read(ref _version) == version)
            {
                return null;
            }
        }

        return LookupWalking(key);
    }

    /// <summary><see cref="Lookup"/> on a trie that has nodes: one version read, the walk, a read barrier and the version again.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private byte* LookupWalking(byte* key)
    {
        var prefixLength = Unsafe.ReadUnaligned<uint>(key);
        if (prefixLength > _maxPrefix)
        {
            return null;
        }

        var version = Volatile.Read(ref _version);
        if ((version & 1) == 0)
        {
            var root = Volatile.Read(ref *RootLink);
            var slot = root < 0 ? -1 : Walk(root, key, prefixLength);

            // smp_rmb: the walk's reads stay before the version is read again (no fence instruction on x64, unlike a full barrier).
            Volatile.ReadBarrier();
            if (Volatile.Read(ref _version) == version)
            {
                return slot < 0 ? null : SlotValue(slot);
            }
        }

        return LookupRacing(key, prefixLength);
    }

    /// <summary><see cref="Lookup"/> once a writer was seen: spin until a walk sees no writer start or finish meanwhile.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private byte* LookupRacing(byte* key, uint prefixLength)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            spinner.SpinOnce();
            var version = Volatile.Read(ref _version);
            if ((version & 1) == 0)
            {
                var slot = Walk(Volatile.Read(ref *RootLink), key, prefixLength);
                Volatile.ReadBarrier();
                if (Volatile.Read(ref _version) == version)
                {
                    return slot < 0 ? null : SlotValue(slot);
                }
            }
        }
    }

    /// <summary>Copies the value <see cref="Lookup"/> would find, under the writer lock so that no update tears it; false when none.</summary>
    public bool TryRead(byte* key, byte* destination)
    {
        var prefixLength = Unsafe.ReadUnaligned<uint>(key);
        if (prefixLength > _maxPrefix)
        {
            return false;
        }

        SpinGate.Enter(ref _gate);
        var slot = Walk(*RootLink, key, prefixLength);
        if (slot >= 0)
        {
            Buffer.MemoryCopy(SlotValue(slot), destination, _valueSize, _valueSize);
        }

        SpinGate.Exit(ref _gate);
        return slot >= 0;
    }

    public void Dispose()
    {
        _nodes.Dispose();
        _values.Dispose();
    }

    /// <summary>
    /// The value slot of the deepest real node on the key's path from <paramref name="root"/> whose prefix covers it, or -1. Bounded,
    /// since a walk racing a writer may see any links; every field read is still in range (prefix lengths
    /// never exceed the maximum, links are node indices or -1), and the caller walks again.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Walk(int root, byte* key, uint prefixLength)
    {
        var found = -1;
        var node = root;
        for (var steps = 0; node >= 0 && steps <= _maxPrefix + 1; steps++)
        {
            var nodePrefix = *PrefixOf(node);
            var match = MatchLength(node, nodePrefix, key, prefixLength);
            var slot = *SlotOf(node);
            if (match == _maxPrefix)
            {
                return slot;
            }

            if (match < nodePrefix)
            {
                break;
            }

            if (slot != Intermediate)
            {
                found = slot;
            }

            node = Volatile.Read(ref *Child(node, Bit(key + 4, nodePrefix)));
        }

        return found;
    }

    /// <summary><c>longest_prefix_match</c>: how many leading bits of the node's and the key's data agree, up to the shorter prefix.</summary>
    private uint MatchLength(int node, uint nodePrefix, byte* key, uint keyPrefix)
    {
        var limit = Math.Min(nodePrefix, keyPrefix);
        var a = Data(node);
        var b = key + 4;
        uint bits = 0;
        var i = 0;
        for (; i + 8 <= _dataSize; i += 8)
        {
            var diff = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(a + i) ^ Unsafe.ReadUnaligned<ulong>(b + i));
            if (diff != 0)
            {
                return Math.Min(bits + (uint)BitOperations.LeadingZeroCount(diff), limit);
            }

            bits += 64;
            if (bits >= limit)
            {
                return limit;
            }
        }

        for (; i < _dataSize; i++)
        {
            var diff = (uint)(a[i] ^ b[i]);
            if (diff != 0)
            {
                return Math.Min(bits + (uint)BitOperations.LeadingZeroCount(diff) - 24, limit);
            }

            bits += 8;
            if (bits >= limit)
            {
                return limit;
            }
        }

        return Math.Min(bits, limit);
    }

    /// <summary><c>extract_bit</c>: bit <paramref name="index"/> of the data, most significant first.</summary>
    private static int Bit(byte* data, uint index) => (data[index / 8] >> (7 - (int)(index % 8))) & 1;

    private byte* Node(int node) => _nodeBase + ((ulong)node * _nodeStride);

    private int* Child(int node, int bit) => (int*)Node(node) + bit;

    private uint* PrefixOf(int node) => (uint*)(Node(node) + 8);

    private int* SlotOf(int node) => (int*)(Node(node) + 12);

    private byte* Data(int node) => Node(node) + NodeHeader;

    private byte* SlotValue(int slot) => _valueBase + ((ulong)slot * _valueStride);
}
