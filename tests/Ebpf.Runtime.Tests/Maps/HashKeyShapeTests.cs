using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using Xunit.Abstractions;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

/// <summary>The JIT's hash lookups, specialised by key size, against the lookup every engine shares.</summary>
public sealed class HashKeyShapeTests(ITestOutputHelper output)
{
    public static TheoryData<uint> KeySizes => [1, 3, 4, 5, 8, 12, 16, 17, 20, 32, 33, 64];

    [Theory]
    [MemberData(nameof(KeySizes))]
    public unsafe void The_lookup_for_the_key_size_finds_what_the_generic_lookup_finds(uint keySize)
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        using var map = Create<HashMap>(MapType.Hash, keySize, 8, 256);
        var stored = new List<byte[]>();
        for (var i = 0; i < 200; i++)
        {
            var key = new byte[keySize];
            random.NextBytes(key);
            if (map.Update(key, U64((ulong)i)) == MapError.None && !stored.Any(k => k.AsSpan().SequenceEqual(key)))
            {
                stored.Add(key);
            }
        }

        var shape = IKeyShape.For((int)keySize);
        foreach (var key in stored.Concat(Enumerable.Range(0, 50).Select(_ => Fresh(random, keySize, stored))))
        {
            fixed (byte* k = key)
            {
                var expected = map.LookupElement(k);
                Assert.Equal(expected, Specialised(map, shape, k));
                Assert.Equal(stored.Any(s => s.AsSpan().SequenceEqual(key)), expected != 0);
            }
        }
    }

    [Fact]
    public void Sequential_u32_keys_spread_over_the_buckets()
    {
        // 4,096 keys in 4,096 buckets: a hash that spread them at random would put at most 7 or so in one bucket; one
        // that kept only some bits of the key (or mixed them badly) piles them up.
        foreach (var flags in new[] { MapFlags.ZeroSeed, MapFlags.None })
        {
            var buckets = new int[4096];
            var table = new HashTable(4, 4, 4096, 1, percpu: false, lru: false, flags == MapFlags.ZeroSeed ? 0UL : 0x1234_5678_9abc_def0UL);
            try
            {
                for (var i = 0u; i < 4096; i++)
                {
                    buckets[Hash(table, i << 12) & 4095]++;
                }
            }
            finally
            {
                table.Dispose();
            }

            Assert.InRange(buckets.Max(), 1, 12);
        }
    }

    private static unsafe uint Hash(HashTable table, uint key) => table.Hash((byte*)&key);

    private static unsafe ulong Specialised(HashMap map, Type shape, byte* key) => shape.Name switch
    {
        nameof(Key4) => map.LookupElement<Key4>(key),
        nameof(Key8) => map.LookupElement<Key8>(key),
        nameof(Key16) => map.LookupElement<Key16>(key),
        _ => map.LookupElement<KeyOfAnySize>(key),
    };

    private static byte[] Fresh(Random random, uint keySize, List<byte[]> stored)
    {
        while (true)
        {
            var key = new byte[keySize];
            random.NextBytes(key);
            if (!stored.Any(s => s.AsSpan().SequenceEqual(key)))
            {
                return key;
            }
        }
    }
}
