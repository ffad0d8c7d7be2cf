using System.Numerics;

namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>The values nearest a bound that share no bit with a mask: what <c>x &amp; mask == 0</c> leaves of an interval.</summary>
internal static class BitMasks
{
    /// <summary>The largest <c>v &lt;= upper</c> with <c>v &amp; mask == 0</c> (0 always qualifies).</summary>
    /// <remarks>Below the highest mask bit that <paramref name="upper"/> has, v clears that bit, keeps the bits above
    /// (none of them in the mask) and sets every lower bit outside the mask.</remarks>
    public static ulong LargestWithout(ulong upper, ulong mask)
    {
        var clash = upper & mask;
        if (clash == 0)
        {
            return upper;
        }

        var b = 63 - BitOperations.LeadingZeroCount(clash);
        var above = b == 63 ? 0 : upper & ~((1UL << (b + 1)) - 1);
        var below = ~mask & ((1UL << b) - 1);
        return above | below;
    }

    /// <summary>The smallest <c>v &gt;= lower</c> with <c>v &amp; mask == 0</c>, or null when there is none.</summary>
    /// <remarks>v first exceeds <paramref name="lower"/> at the lowest bit above its highest mask bit that is clear in
    /// both, which v sets, clearing every bit below.</remarks>
    public static ulong? SmallestWithout(ulong lower, ulong mask)
    {
        var clash = lower & mask;
        if (clash == 0)
        {
            return lower;
        }

        var b = 63 - BitOperations.LeadingZeroCount(clash);
        for (var p = b + 1; p < 64; p++)
        {
            var bit = 1UL << p;
            if ((lower & bit) == 0 && (mask & bit) == 0)
            {
                return (lower & ~(bit - 1)) | bit;
            }
        }

        return null;
    }
}
