using System.Runtime.CompilerServices;

namespace Ebpf.Runtime.Maps;

/// <summary>Iteration in the kernel's order.</summary>
internal sealed unsafe partial class LpmTrie
{
    /// <summary>
    /// <c>trie_get_next_key</c>: keys in post-order (children before their parent, the 0 side first), so
    /// more specific prefixes come before the prefixes that contain them. No key, or a key not stored
    /// exactly, starts from the first (left-most) key.
    /// </summary>
    public MapError NextKey(byte* key, byte* nextKey)
    {
        SpinGate.Enter(ref _gate);
        try
        {
            var root = *RootLink;
            if (root < 0)
            {
                return MapError.NotFound;
            }

            var prefixLength = key == null ? uint.MaxValue : Unsafe.ReadUnaligned<uint>(key);
            if (prefixLength > _maxPrefix)
            {
                return CopyKey(LeftMost(root), nextKey);
            }

            var path = new int[_maxPrefix + 2];
            var depth = -1;
            var node = root;
            while (node >= 0)
            {
                path[++depth] = node;
                var nodePrefix = *PrefixOf(node);
                if (MatchLength(node, nodePrefix, key, prefixLength) != nodePrefix || nodePrefix == prefixLength)
                {
                    break;
                }

                node = *Child(node, Bit(key + 4, nodePrefix));
            }

            if (node < 0 || *PrefixOf(node) != prefixLength || *SlotOf(node) == Intermediate)
            {
                return CopyKey(LeftMost(root), nextKey);
            }

            for (; depth > 0; depth--)
            {
                var (current, parent) = (path[depth], path[depth - 1]);
                if (*Child(parent, 0) == current && *Child(parent, 1) >= 0)
                {
                    return CopyKey(LeftMost(*Child(parent, 1)), nextKey);
                }

                if (*SlotOf(parent) != Intermediate)
                {
                    return CopyKey(parent, nextKey);
                }
            }

            return MapError.NotFound;
        }
        finally
        {
            SpinGate.Exit(ref _gate);
        }
    }

    /// <summary>The first real node in post-order under <paramref name="node"/>: intermediate nodes always have two children, so there is one.</summary>
    private int LeftMost(int node)
    {
        var found = -1;
        while (node >= 0)
        {
            if (*SlotOf(node) == Intermediate)
            {
                node = *Child(node, 0);
            }
            else
            {
                found = node;
                node = *Child(node, 0) >= 0 ? *Child(node, 0) : *Child(node, 1);
            }
        }

        return found;
    }

    private MapError CopyKey(int node, byte* nextKey)
    {
        Unsafe.WriteUnaligned(nextKey, *PrefixOf(node));
        new ReadOnlySpan<byte>(Data(node), _dataSize).CopyTo(new Span<byte>(nextKey + 4, _dataSize));
        return MapError.None;
    }
}
