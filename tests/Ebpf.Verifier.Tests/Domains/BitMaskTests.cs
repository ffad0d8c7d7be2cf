using Ebpf.Testing;
using Ebpf.Verifier.Domains.Numeric;
using FsCheck;
using FsCheck.Fluent;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>What <c>jset</c>'s fall-through leaves of an interval: the nearest values without a mask bit, against a search.</summary>
public sealed class BitMaskTests
{
    [Fact]
    public void Nearest_values_without_mask_bits_are_those_an_exhaustive_search_finds()
    {
        var cases = from mask in Gen.Choose(0, 4095)
                    from a in Gen.Choose(0, 4095)
                    from b in Gen.Choose(0, 4095)
                    select (mask: (ulong)mask, bound: (ulong)a, other: (ulong)b);
        var property = Prop.ForAll(cases.ToArbitrary(), test =>
        {
            // Bit 12 is never in the mask, so 4096 always qualifies from above and 0 from below.
            var smallest = Enumerable.Range((int)test.bound, 8192).First(v => ((ulong)v & test.mask) == 0);
            var largest = Enumerable.Range(0, (int)test.bound + 1).Last(v => ((ulong)v & test.mask) == 0);
            var foundSmallest = BitMasks.SmallestWithout(test.bound, test.mask);
            var foundLargest = BitMasks.LargestWithout(test.bound, test.mask);
            return (foundSmallest == (ulong)smallest && foundLargest == (ulong)largest)
                .Label($"mask {test.mask:x}, bound {test.bound}: smallest {foundSmallest} expected {smallest}, largest {foundLargest} expected {largest}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_b175), 3000);
    }

    [Fact]
    public void A_mask_of_every_high_bit_bounds_any_value_by_the_bits_below()
    {
        Assert.Equal(63UL, BitMasks.LargestWithout(ulong.MaxValue, unchecked((ulong)-64L)));
        Assert.Equal(0x7fUL, BitMasks.LargestWithout(0x1234, unchecked((ulong)-128L)));
    }

    [Fact]
    public void No_value_at_or_above_a_bound_avoids_a_mask_of_every_bit()
    {
        Assert.Null(BitMasks.SmallestWithout(1, ulong.MaxValue));
        Assert.Equal(0x100UL, BitMasks.SmallestWithout(3, 0xff));
        Assert.Null(BitMasks.SmallestWithout(1UL << 63, 1UL << 63));
    }
}
