using System.Runtime.CompilerServices;

namespace Ebpf.Runtime.Maps;

/// <summary>Updates and deletes, under the writer lock and an odd version.</summary>
internal sealed unsafe partial class LpmTrie
{
    /// <summary>
    /// <c>trie_update_elem</c>: the exact prefix is replaced in place (its data bytes too, as the kernel's
    /// replacement node carries the new key); a new prefix takes a node, and an intermediate node when it
    /// splits a path. <c>BPF_EXIST</c> on a missing prefix is <see cref="MapError.NotFound"/>, a new prefix in
    /// a full trie <see cref="MapError.NoSpace"/>.
    /// </summary>
    public MapError Update(byte* key, byte* value, ulong flags)
    {
        var prefixLength = Unsafe.ReadUnaligned<uint>(key);
        if (flags > (ulong)MapUpdateFlags.Exist || prefixLength > _maxPrefix)
        {
            return MapError.InvalidArgument;
        }

        BeginWrite();
        var link = RootLink;
        int node;
        uint match = 0;
        while ((node = *link) >= 0)
        {
            var nodePrefix = *PrefixOf(node);
            match = MatchLength(node, nodePrefix, key, prefixLength);
            if (nodePrefix != match || nodePrefix == prefixLength || nodePrefix == _maxPrefix)
            {
                break;
            }

            link = Child(node, Bit(key + 4, nodePrefix));
        }

        MapError result;
        if (node >= 0 && *PrefixOf(node) == match && *SlotOf(node) != Intermediate)
        {
            result = flags == (ulong)MapUpdateFlags.NoExist ? MapError.Exists : MapError.None;
            if (result == MapError.None)
            {
                Fill(node, key, *SlotOf(node), value);
            }
        }
        else if ((result = CheckAdd(flags)) == MapError.None)
        {
            var slot = _freeSlots[--_freeSlotCount];
            if (node >= 0 && *PrefixOf(node) == match)
            {
                Fill(node, key, slot, value); // an intermediate node becomes real
            }
            else
            {
                Attach(link, node, match, key, slot, value, prefixLength);
            }
        }

        EndWrite();
        return result;
    }

    /// <summary><c>trie_delete_elem</c>: exact prefix only; the node and a now useless intermediate parent go.</summary>
    public MapError Delete(byte* key)
    {
        var prefixLength = Unsafe.ReadUnaligned<uint>(key);
        if (prefixLength > _maxPrefix)
        {
            return MapError.InvalidArgument;
        }

        BeginWrite();
        int* link = RootLink, parentLink = RootLink;
        int node, parent = -1;
        uint match = 0;
        while ((node = *link) >= 0)
        {
            var nodePrefix = *PrefixOf(node);
            match = MatchLength(node, nodePrefix, key, prefixLength);
            if (nodePrefix != match || nodePrefix == prefixLength)
            {
                break;
            }

            parent = node;
            parentLink = link;
            link = Child(node, Bit(key + 4, nodePrefix));
        }

        if (node < 0 || *PrefixOf(node) != prefixLength || match != prefixLength || *SlotOf(node) == Intermediate)
        {
            EndWrite();
            return MapError.NotFound;
        }

        _entries--;
        _freeSlots[_freeSlotCount++] = *SlotOf(node);
        var (left, right) = (*Child(node, 0), *Child(node, 1));
        if (left >= 0 && right >= 0)
        {
            *SlotOf(node) = Intermediate;
        }
        else if (parent >= 0 && *SlotOf(parent) == Intermediate && left < 0 && right < 0)
        {
            var sibling = *Child(parent, 0) == node ? *Child(parent, 1) : *Child(parent, 0);
            Volatile.Write(ref *parentLink, sibling);
            FreeNode(parent);
            FreeNode(node);
        }
        else
        {
            Volatile.Write(ref *link, left >= 0 ? left : right);
            FreeNode(node);
        }

        EndWrite();
        return MapError.None;
    }

    /// <summary>Links a new real node at <paramref name="link"/>, above <paramref name="existing"/> or beside it under a new intermediate node.</summary>
    private void Attach(int* link, int existing, uint match, byte* key, int slot, byte* value, uint prefixLength)
    {
        var added = AllocateNode();
        *Child(added, 0) = -1;
        *Child(added, 1) = -1;
        Fill(added, key, slot, value);
        if (existing < 0)
        {
            Volatile.Write(ref *link, added);
        }
        else if (match == prefixLength)
        {
            *Child(added, Bit(Data(existing), match)) = existing;
            Volatile.Write(ref *link, added);
        }
        else
        {
            var split = AllocateNode();
            *PrefixOf(split) = match;
            *SlotOf(split) = Intermediate;
            new ReadOnlySpan<byte>(Data(existing), _dataSize).CopyTo(new Span<byte>(Data(split), _dataSize));
            var bit = Bit(key + 4, match);
            *Child(split, bit) = added;
            *Child(split, 1 - bit) = existing;
            Volatile.Write(ref *link, split);
        }
    }

    /// <summary><c>trie_check_add_elem</c>: whether one more prefix may be stored, counting it if so.</summary>
    private MapError CheckAdd(ulong flags)
    {
        if (flags == (ulong)MapUpdateFlags.Exist)
        {
            return MapError.NotFound;
        }

        if (_entries == _maxEntries)
        {
            return MapError.NoSpace;
        }

        _entries++;
        return MapError.None;
    }

    /// <summary>Sets a node's prefix and data from the key, and its value.</summary>
    private void Fill(int node, byte* key, int slot, byte* value)
    {
        *PrefixOf(node) = Unsafe.ReadUnaligned<uint>(key);
        new ReadOnlySpan<byte>(key + 4, _dataSize).CopyTo(new Span<byte>(Data(node), _dataSize));
        Buffer.MemoryCopy(value, SlotValue(slot), _valueSize, _valueSize);
        *SlotOf(node) = slot;
    }

    private int AllocateNode()
    {
        var node = _freeNode;
        _freeNode = *Child(node, 0);
        return node;
    }

    private void FreeNode(int node)
    {
        *Child(node, 0) = _freeNode;
        _freeNode = node;
    }

    private void BeginWrite()
    {
        SpinGate.Enter(ref _gate);
        Interlocked.Increment(ref _version);
    }

    private void EndWrite()
    {
        Interlocked.Increment(ref _version);
        SpinGate.Exit(ref _gate);
    }
}
