using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

/// <summary>The same operations on our maps and on the running kernel's, with the same answers.</summary>
public sealed class KernelParityTests
{
    [KernelFact]
    public void Hash_flags_capacity_and_deletes_answer_as_the_kernel()
    {
        using var pair = new Pair(Create(MapType.Hash, 4, 8, 3), KernelMap.Create("type", "hash", "key", "4", "value", "8", "entries", "3"));
        pair.Update(U32(1), U64(10), MapUpdateFlags.Exist);
        pair.Update(U32(1), U64(10), MapUpdateFlags.NoExist);
        pair.Update(U32(1), U64(11), MapUpdateFlags.NoExist);
        pair.Update(U32(1), U64(12), MapUpdateFlags.Exist);
        pair.Update(U32(2), U64(20));
        pair.Update(U32(3), U64(30));
        pair.Update(U32(4), U64(40));
        pair.Update(U32(4), U64(40), MapUpdateFlags.Exist);
        pair.Update(U32(3), U64(31));
        pair.Delete(U32(4));
        pair.Delete(U32(2));
        pair.Update(U32(4), U64(41), MapUpdateFlags.NoExist);
        foreach (var key in new uint[] { 1, 2, 3, 4, 5 })
        {
            pair.Lookup(U32(key));
        }

        Assert.Equal(pair.Kernel.Keys().Select(k => ReadU32(k)).Order(), KeysU32(pair.Ours).Order());
    }

    [KernelFact]
    public void Hash_iteration_restarts_after_a_deleted_key_as_the_kernel()
    {
        using var pair = new Pair(Create(MapType.Hash, 4, 4, 8), KernelMap.Create("type", "hash", "key", "4", "value", "4", "entries", "8"));
        for (uint key = 0; key < 6; key++)
        {
            pair.Update(U32(key), U32(key));
        }

        var kernelOrder = pair.Kernel.Keys();
        var ourOrder = pair.Ours.EnumerateKeys().ToList();
        pair.Delete(kernelOrder[2]);
        Assert.Equal(kernelOrder[0], pair.Kernel.GetNext(kernelOrder[2]).Key);
        pair.Ours.Delete(ourOrder[3]);
        var next = new byte[4];
        Assert.Equal(MapError.None, pair.Ours.GetNextKey(ourOrder[3], next));
        Assert.Equal(pair.Ours.EnumerateKeys().First(), next);
    }

    [KernelFact]
    public void Array_edges_answer_as_the_kernel()
    {
        using var pair = new Pair(Create(MapType.Array, 4, 4, 3), KernelMap.Create("type", "array", "key", "4", "value", "4", "entries", "3"));
        pair.Update(U32(3), U32(1));
        pair.Update(U32(3), U32(1), MapUpdateFlags.NoExist);
        pair.Update(U32(0), U32(1), MapUpdateFlags.NoExist);
        pair.Update(U32(2), U32(7), MapUpdateFlags.Exist);
        pair.Delete(U32(0));
        pair.Lookup(U32(2));
        pair.Lookup(U32(3));
        pair.GetNext(null);
        pair.GetNext(U32(1));
        pair.GetNext(U32(2));
        pair.GetNext(U32(9));
    }

    [KernelFact]
    public void Lpm_trie_order_lookups_and_errors_match_the_kernel()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        using var pair = new Pair(
            BpfMap.Create(Spec(MapType.LpmTrie, 8, 4, 40, MapFlags.NoPrealloc), TwoCpus),
            KernelMap.Create("type", "lpm_trie", "key", "8", "value", "4", "entries", "40", "flags", "1"));
        var keys = new List<byte[]>();
        for (var i = 0; i < 60; i++)
        {
            var length = (uint)random.Next(0, 33);
            var address = new byte[4];
            random.NextBytes(address);
            address[0] = (byte)(10 + random.Next(3)); // keep prefixes overlapping
            var key = Prefix(length, address);
            keys.Add(key);
            pair.Update(key, U32((uint)i), random.Next(5) switch { 0 => MapUpdateFlags.NoExist, 1 => MapUpdateFlags.Exist, _ => MapUpdateFlags.Any }, $"seed {seed}");
            if (random.Next(5) == 0)
            {
                pair.Delete(keys[random.Next(keys.Count)], $"seed {seed}");
            }
        }

        Assert.Equal(pair.Kernel.Keys(), pair.Ours.EnumerateKeys());
        for (var i = 0; i < 40; i++)
        {
            var address = new byte[4];
            random.NextBytes(address);
            address[0] = (byte)(10 + random.Next(3));
            pair.Lookup(Prefix((uint)random.Next(0, 34), address), $"seed {seed}");
        }

        pair.Update(Prefix(33, 10, 0, 0, 0), U32(1));
        pair.Delete(Prefix(33, 10, 0, 0, 0));
        pair.GetNext(Prefix(33, 10, 0, 0, 0));
    }

    [KernelFact]
    public void Queue_and_stack_edges_answer_as_the_kernel()
    {
        foreach (var type in new[] { "queue", "stack" })
        {
            using var pair = new Pair(Create(type == "queue" ? MapType.Queue : MapType.Stack, 0, 4, 2), KernelMap.Create("type", type, "key", "0", "value", "4", "entries", "2"));
            pair.Pop();
            pair.Push(U32(1));
            pair.Push(U32(2));
            pair.Push(U32(3));
            pair.Push(U32(3), MapUpdateFlags.NoExist);
            pair.Push(U32(4), MapUpdateFlags.Exist);
            pair.Peek();
            pair.Pop();
            pair.Push(U32(5));
            pair.Pop();
            pair.Pop();
            pair.Pop();
            pair.Peek();
        }
    }

    /// <summary>Our map and the kernel's, side by side; every operation asserts that both answer the same.</summary>
    private sealed class Pair(BpfMap ours, KernelMap kernel) : IDisposable
    {
        public BpfMap Ours { get; } = ours;

        public KernelMap Kernel { get; } = kernel;

        public void Update(byte[] key, byte[] value, MapUpdateFlags flags = MapUpdateFlags.Any, string context = "") =>
            Assert.True(Kernel.Update(key, value, flags) is var k && Ours.Update(key, value, flags) is var o && k == o, $"update {Hex(key)} {flags}: kernel {k}, ours {o} {context}");

        public void Push(byte[] value, MapUpdateFlags flags = MapUpdateFlags.Any) =>
            Assert.Equal(Kernel.Push(value, flags), Ours.Push(value, flags));

        public void Delete(byte[] key, string context = "") =>
            Assert.True(Kernel.Delete(key) is var k && Ours.Delete(key) is var o && k == o, $"delete {Hex(key)}: kernel {k}, ours {o} {context}");

        public void Lookup(byte[] key, string context = "")
        {
            var (error, value) = Kernel.Lookup(key);
            var ourValue = new byte[Ours.UserValueSize];
            var ourError = Ours.Lookup(key, ourValue);
            Assert.True(error == ourError, $"lookup {Hex(key)}: kernel {error}, ours {ourError} {context}");
            if (error == MapError.None)
            {
                Assert.Equal(value, ourValue);
            }
        }

        public void GetNext(byte[]? key)
        {
            var (error, next) = Kernel.GetNext(key);
            var ourNext = new byte[Ours.KeySize];
            Assert.Equal(error, Ours.GetNextKey(key ?? [], ourNext));
            if (error == MapError.None)
            {
                Assert.Equal(next, ourNext);
            }
        }

        public void Pop() => Compare(Kernel.Pop(), Ours.Pop);

        public void Peek() => Compare(Kernel.Peek(), Ours.Peek);

        public void Dispose()
        {
            Ours.Dispose();
            Kernel.Dispose();
        }

        private void Compare((MapError Error, byte[]? Value) kernel, Func<Span<byte>, MapError> ours)
        {
            var value = new byte[Ours.UserValueSize];
            Assert.Equal(kernel.Error, ours(value));
            if (kernel.Error == MapError.None)
            {
                Assert.Equal(kernel.Value, value);
            }
        }

        private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
    }
}
