namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The one's-complement arithmetic of the kernel's <c>include/net/checksum.h</c> (<c>csum_add</c>, <c>csum_fold</c>,
/// <c>csum_replace2</c>, <c>csum_replace4</c>, <c>csum_replace_by_diff</c>), on values as they lie in memory: the
/// sum is order-independent, so big-endian fields need no swapping. Zero and 0xffff are kept apart as the kernel does.
/// </summary>
internal static class InternetChecksum
{
    /// <summary><c>csum_add</c>: 32-bit add with end-around carry.</summary>
    public static uint Add(uint sum, uint addend)
    {
        var result = sum + addend;
        return result + (result < addend ? 1u : 0u);
    }

    /// <summary><c>csum_sub</c>.</summary>
    public static uint Subtract(uint sum, uint value) => Add(sum, ~value);

    /// <summary><c>csum_fold</c>: folds a 32-bit partial sum to 16 bits and complements it.</summary>
    public static ushort Fold(uint sum)
    {
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary><c>csum_replace4</c>: the checksum after a 32-bit field changed from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static ushort Replace4(ushort check, uint from, uint to) => Fold(Add(Subtract(~(uint)check, from), to));

    /// <summary><c>csum_replace2</c> (RFC 1624: HC' = ~(~HC + ~m + m')) in 16-bit arithmetic.</summary>
    public static ushort Replace2(ushort check, ushort from, ushort to) => (ushort)~Add16(Add16((ushort)~check, (ushort)~from), to);

    /// <summary><c>csum_replace_by_diff</c>: the checksum after adding a difference <c>bpf_csum_diff</c> computed.</summary>
    public static ushort ReplaceByDifference(ushort check, uint difference) => Fold(Add(difference, ~(uint)check));

    /// <summary><c>csum16_add</c>.</summary>
    private static ushort Add16(ushort sum, ushort addend)
    {
        var result = (ushort)(sum + addend);
        return (ushort)(result + (result < addend ? 1 : 0));
    }
}
