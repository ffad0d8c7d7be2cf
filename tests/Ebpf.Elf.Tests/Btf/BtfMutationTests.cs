using System.Buffers.Binary;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Btf;
using Xunit.Abstractions;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>
/// Thousands of seeded truncations, byte flips and field overwrites of every <c>.BTF</c> and <c>.BTF.ext</c>
/// section: each must be read or refused with <see cref="MalformedInputException"/>, never anything else.
/// A failure prints its seed; set EBPF_TEST_SEED to explore other seeds.
/// </summary>
public sealed class BtfMutationTests(ITestOutputHelper output)
{
    private const int MutationsPerSection = 2000;
    private const int DefaultSeed = 20_260_101;

    private static readonly uint[] Interesting = [0, 1, 2, 3, 4, 7, 8, 12, 16, 24, 0x7f, 0x80, 0xff, 0xffff, 0x10000, 0xfffff, 0x100000, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff];

    public static TheoryData<string> Objects => BtfObjects.Names;

    [Theory]
    [MemberData(nameof(Objects))]
    public void Mutated_BTF_is_read_or_refused_with_a_diagnostic(string name)
    {
        var original = BtfObjects.Elf(name).SectionData(BtfSpec.SectionName)!;
        Run(name, BtfSpec.SectionName, original, bytes => Exercise(BtfSpec.Parse(bytes)));
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Mutated_BTF_ext_is_read_or_refused_with_a_diagnostic(string name)
    {
        var elf = BtfObjects.Elf(name);
        var btf = BtfSpec.Parse(elf.SectionData(BtfSpec.SectionName)!);
        Run(name, BtfExt.SectionName, elf.SectionData(BtfExt.SectionName)!, bytes => BtfExt.Parse(bytes, btf));
    }

    private void Run(string name, string section, byte[] original, Action<byte[]> read)
    {
        var baseSeed = BaseSeed(name + section);
        var refused = 0;
        for (var i = 0; i < MutationsPerSection; i++)
        {
            var seed = baseSeed + i;
            var mutated = Mutate(original, new Random(seed), out var how);
            try
            {
                read(mutated);
            }
            catch (MalformedInputException)
            {
                refused++;
            }
#pragma warning disable CA1031 // Any other exception is the failure this test looks for.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Assert.Fail($"seed {seed} ({name} {section}, {how}) threw {e.GetType().Name}: {e}");
            }
        }

        output.WriteLine($"{name} {section}: seeds {baseSeed}..{baseSeed + MutationsPerSection - 1}, {refused} refused, {MutationsPerSection - refused} read");
        Assert.InRange(refused, 1, MutationsPerSection);
    }

    /// <summary>Everything a reader of a parsed spec may call must cope with whatever parsing accepted.</summary>
    private static void Exercise(BtfSpec btf)
    {
        foreach (var type in btf.Types)
        {
            _ = btf.FormatType(type.Id);
            _ = btf.TrySizeOf(type.Id, out _);
            _ = btf.Resolve(type.Id);
            _ = btf.FindByName(type.Name, type.Kind);
        }
    }

    private static byte[] Mutate(byte[] original, Random random, out string how)
    {
        var bytes = (byte[])original.Clone();
        var steps = new List<string>();
        var count = random.Next(1, 4);
        for (var step = 0; step < count && bytes.Length > 0; step++)
        {
            switch (random.Next(5))
            {
                case 0:
                    var length = random.Next(bytes.Length);
                    bytes = bytes[..length];
                    steps.Add($"truncate to {length}");
                    break;
                case 1:
                    var bit = random.Next(bytes.Length * 8);
                    bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                    steps.Add($"flip bit {bit}");
                    break;
                case 2:
                    var at = random.Next(bytes.Length);
                    bytes[at] = (byte)random.Next(256);
                    steps.Add($"byte {at} = 0x{bytes[at]:x2}");
                    break;
                default:
                    // Header fields and type words are u32-aligned: overwrite one, favouring the header.
                    var words = bytes.Length / 4;
                    if (words == 0)
                    {
                        break;
                    }

                    var word = random.Next(2) == 0 ? random.Next(Math.Min(words, 8)) : random.Next(words);
                    var value = random.Next(3) == 0 ? (uint)random.NextInt64(uint.MaxValue + 1L) : Interesting[random.Next(Interesting.Length)];
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(word * 4), value);
                    steps.Add($"u32 at {word * 4} = 0x{value:x}");
                    break;
            }
        }

        how = string.Join(", ", steps);
        return bytes;
    }

    private static int BaseSeed(string salt)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("EBPF_TEST_SEED"), out var chosen) ? chosen : DefaultSeed;
        // FNV-1a: string.GetHashCode differs between runs, and the seed must not.
        var hash = 2166136261u;
        foreach (var c in salt)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)((uint)seed ^ (hash & 0x7fff0000));
    }
}
