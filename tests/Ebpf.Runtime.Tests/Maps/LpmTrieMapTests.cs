using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

public sealed class LpmTrieMapTests
{
    [Fact]
    public void Lookup_returns_the_longest_stored_prefix_covering_the_address()
    {
        using var map = Trie(16);
        map.Update(Prefix(8, 10, 0, 0, 0), U32(1));
        map.Update(Prefix(16, 10, 1, 0, 0), U32(2));
        map.Update(Prefix(24, 10, 1, 2, 0), U32(3));
        Assert.Equal(3u, LookupU32(map, Prefix(32, 10, 1, 2, 3)));
        Assert.Equal(2u, LookupU32(map, Prefix(32, 10, 1, 9, 9)));
        Assert.Equal(1u, LookupU32(map, Prefix(32, 10, 9, 9, 9)));
        Assert.Null(LookupU32(map, Prefix(32, 11, 0, 0, 0)));
        Assert.Equal(3u, ReadU32(ProgramLookup(map, Prefix(32, 10, 1, 2, 200))));
        Assert.Equal(0UL, ProgramLookup(map, Prefix(32, 12, 1, 2, 200)));
    }

    [Fact]
    public void A_zero_length_prefix_matches_everything()
    {
        using var map = Trie(4);
        map.Update(Prefix(0, 0, 0, 0, 0), U32(100));
        map.Update(Prefix(8, 10, 0, 0, 0), U32(1));
        Assert.Equal(100u, LookupU32(map, Prefix(32, 200, 1, 2, 3)));
        Assert.Equal(1u, LookupU32(map, Prefix(32, 10, 1, 2, 3)));
        Assert.Equal(100u, LookupU32(map, Prefix(0, 10, 1, 2, 3)));
    }

    [Fact]
    public void A_full_length_prefix_matches_one_address()
    {
        using var map = Trie(4);
        map.Update(Prefix(24, 10, 1, 2, 0), U32(3));
        map.Update(Prefix(32, 10, 1, 2, 3), U32(4));
        Assert.Equal(4u, LookupU32(map, Prefix(32, 10, 1, 2, 3)));
        Assert.Equal(3u, LookupU32(map, Prefix(32, 10, 1, 2, 4)));
        Assert.Equal(3u, LookupU32(map, Prefix(31, 10, 1, 2, 3)));
    }

    [Fact]
    public void The_lookup_key_prefix_length_limits_the_match()
    {
        using var map = Trie(4);
        map.Update(Prefix(8, 10, 0, 0, 0), U32(1));
        map.Update(Prefix(16, 10, 1, 0, 0), U32(2));
        Assert.Equal(1u, LookupU32(map, Prefix(8, 10, 1, 2, 3)));
        Assert.Null(LookupU32(map, Prefix(7, 10, 1, 2, 3)));
        Assert.Null(LookupU32(map, Prefix(33, 10, 1, 2, 3)));
    }

    [Fact]
    public void Updates_and_deletes_name_exact_prefixes()
    {
        using var map = Trie(4);
        map.Update(Prefix(8, 10, 0, 0, 0), U32(1));
        map.Update(Prefix(16, 10, 1, 0, 0), U32(2));
        Assert.Equal(MapError.NotFound, map.Delete(Prefix(17, 10, 1, 0, 0)));
        Assert.Equal(MapError.NotFound, map.Delete(Prefix(24, 10, 1, 0, 0)));
        Assert.Equal(MapError.InvalidArgument, map.Delete(Prefix(33, 10, 1, 0, 0)));
        Assert.Equal(MapError.None, map.Delete(Prefix(16, 10, 1, 0, 0)));
        Assert.Equal(1u, LookupU32(map, Prefix(32, 10, 1, 9, 9)));
        Assert.Equal(-(long)MapError.None, ProgramDelete(map, Prefix(8, 10, 0, 0, 0)));
        Assert.Null(LookupU32(map, Prefix(32, 10, 1, 9, 9)));
    }

    [Fact]
    public void Flags_and_capacity_follow_Linux()
    {
        using var map = Trie(2);
        Assert.Equal(MapError.NotFound, map.Update(Prefix(24, 10, 0, 0, 0), U32(1), MapUpdateFlags.Exist));
        Assert.Equal(MapError.None, map.Update(Prefix(24, 10, 0, 0, 0), U32(1), MapUpdateFlags.NoExist));
        Assert.Equal(MapError.Exists, map.Update(Prefix(24, 10, 0, 0, 0), U32(1), MapUpdateFlags.NoExist));
        Assert.Equal(MapError.None, map.Update(Prefix(16, 10, 0, 0, 0), U32(2)));
        Assert.Equal(MapError.NoSpace, map.Update(Prefix(8, 10, 0, 0, 0), U32(3)));
        Assert.Equal(MapError.NotFound, map.Update(Prefix(8, 10, 0, 0, 0), U32(3), MapUpdateFlags.Exist));
        Assert.Equal(MapError.None, map.Update(Prefix(16, 10, 0, 0, 0), U32(4)));
        Assert.Equal(MapError.InvalidArgument, map.Update(Prefix(33, 10, 0, 0, 0), U32(4)));
        Assert.Equal(MapError.InvalidArgument, map.Update(Prefix(8, 10, 0, 0, 0), U32(4), (MapUpdateFlags)3));
        Assert.Equal(4u, LookupU32(map, Prefix(32, 10, 0, 9, 9)));
    }

    [Fact]
    public void Iteration_puts_more_specific_prefixes_first_as_the_kernel()
    {
        using var map = Trie(8);
        map.Update(Prefix(16, 192, 168, 0, 0), U32(1));
        map.Update(Prefix(24, 192, 168, 0, 0), U32(2));
        map.Update(Prefix(24, 192, 168, 128, 0), U32(3));
        map.Update(Prefix(24, 192, 168, 1, 0), U32(5));
        Assert.Equal(
            [Prefix(24, 192, 168, 0, 0), Prefix(24, 192, 168, 1, 0), Prefix(24, 192, 168, 128, 0), Prefix(16, 192, 168, 0, 0)],
            map.EnumerateKeys());
        var next = new byte[8];
        Assert.Equal(MapError.None, map.GetNextKey(Prefix(20, 1, 2, 3, 4), next));
        Assert.Equal(Prefix(24, 192, 168, 0, 0), next);
        Assert.Equal(MapError.NotFound, map.GetNextKey(Prefix(16, 192, 168, 0, 0), next));
    }

    [Fact]
    public void Intermediate_nodes_become_real_and_real_nodes_with_two_children_become_intermediate()
    {
        using var map = Trie(8);
        map.Update(Prefix(24, 192, 168, 0, 0), U32(2));
        map.Update(Prefix(24, 192, 168, 1, 0), U32(5));
        Assert.Null(LookupU32(map, Prefix(23, 192, 168, 0, 0)));
        Assert.Equal(MapError.NotFound, map.Delete(Prefix(23, 192, 168, 0, 0)));
        map.Update(Prefix(23, 192, 168, 0, 0), U32(4));
        Assert.Equal(5u, LookupU32(map, Prefix(32, 192, 168, 1, 255)));
        Assert.Equal(4u, LookupU32(map, Prefix(23, 192, 168, 1, 7)));
        map.Update(Prefix(16, 192, 168, 0, 0), U32(1));
        Assert.Equal(MapError.None, map.Delete(Prefix(23, 192, 168, 0, 0)));
        Assert.Equal(1u, LookupU32(map, Prefix(23, 192, 168, 1, 7)));
        Assert.Equal(5u, LookupU32(map, Prefix(32, 192, 168, 1, 7)));
        Assert.Equal(MapError.None, map.Delete(Prefix(24, 192, 168, 1, 0)));
        Assert.Equal(1u, LookupU32(map, Prefix(32, 192, 168, 1, 7)));
        Assert.Equal([Prefix(24, 192, 168, 0, 0), Prefix(16, 192, 168, 0, 0)], map.EnumerateKeys());
    }

    [Fact]
    public void Stored_keys_keep_the_bytes_past_the_prefix_as_given()
    {
        using var map = Trie(2);
        map.Update(Prefix(8, 10, 1, 2, 3), U32(1));
        Assert.Equal([Prefix(8, 10, 1, 2, 3)], map.EnumerateKeys());
        map.Update(Prefix(8, 10, 9, 9, 9), U32(2));
        Assert.Equal([Prefix(8, 10, 9, 9, 9)], map.EnumerateKeys());
    }

    [Fact]
    public void Long_keys_match_across_words()
    {
        using var map = BpfMap.Create(Spec(MapType.LpmTrie, 20, 4, 8, MapFlags.NoPrealloc), TwoCpus);
        var net = new byte[16];
        net[0] = 0x20;
        net[1] = 0x01;
        net[9] = 0x80;
        map.Update(Prefix(64, net), U32(64));
        map.Update(Prefix(73, net), U32(73));
        var host = (byte[])net.Clone();
        host[15] = 1;
        Assert.Equal(73u, LookupU32(map, Prefix(128, host)));
        host[9] = 0x40;
        Assert.Equal(64u, LookupU32(map, Prefix(128, host)));
    }

    [Fact]
    public void Random_prefixes_match_a_linear_scan_and_iterate_completely()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        using var map = Trie(300);
        var stored = new Dictionary<(uint, uint), uint>();
        for (var i = 0; i < 600; i++)
        {
            var length = (uint)random.Next(0, 33);
            var address = (uint)random.Next() & Mask(length);
            var key = Prefix(length, Bytes(address));
            if (random.Next(4) == 0)
            {
                Assert.Equal(stored.Remove((length, address)) ? MapError.None : MapError.NotFound, map.Delete(key));
            }
            else if (map.Update(key, U32((uint)i)) == MapError.None)
            {
                stored[(length, address)] = (uint)i;
            }
            else
            {
                Assert.Equal(300, stored.Count);
            }
        }

        for (var i = 0; i < 2000; i++)
        {
            var address = (uint)random.Next();
            var best = stored.Where(e => (address & Mask(e.Key.Item1)) == e.Key.Item2).OrderByDescending(e => e.Key.Item1).Select(e => (uint?)e.Value).FirstOrDefault();
            Assert.True(best == LookupU32(map, Prefix(32, Bytes(address))), $"seed {seed}, address {address:x8}");
        }

        Assert.Equal(stored.Count, map.EnumerateKeys().Count());
    }

    private static BpfMap Trie(uint maxEntries) => BpfMap.Create(Spec(MapType.LpmTrie, 8, 4, maxEntries, MapFlags.NoPrealloc), TwoCpus);

    private static uint Mask(uint length) => length == 0 ? 0 : uint.MaxValue << (int)(32 - length);

    private static byte[] Bytes(uint address) => [(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address];
}
