using Ebpf.Core.Isa;
using Ebpf.Runtime.Interpretation;

namespace Ebpf.Runtime.Tests.Interpretation;

public sealed class ArithmeticTests
{
    [Theory]
    [InlineData(Operation.Div, 7UL, 0UL, 0UL)]
    [InlineData(Operation.Mod, 7UL, 0UL, 7UL)]
    [InlineData(Operation.SDiv, 7UL, 0UL, 0UL)]
    [InlineData(Operation.SMod, 7UL, 0UL, 7UL)]
    [InlineData(Operation.SDiv, 0x8000000000000000UL, ulong.MaxValue, 0x8000000000000000UL)]
    [InlineData(Operation.SMod, 0x8000000000000000UL, ulong.MaxValue, 0UL)]
    [InlineData(Operation.SDiv, unchecked((ulong)-7L), 2UL, unchecked((ulong)-3L))]
    [InlineData(Operation.SMod, unchecked((ulong)-7L), 2UL, unchecked((ulong)-1L))]
    [InlineData(Operation.Lsh, 1UL, 65UL, 2UL)]
    [InlineData(Operation.Rsh, 4UL, 66UL, 1UL)]
    [InlineData(Operation.Arsh, 0x8000000000000000UL, 63UL, ulong.MaxValue)]
    [InlineData(Operation.Neg, 1UL, 0UL, ulong.MaxValue)]
    public void Sixty_four_bit_operations_follow_RFC_9669(Operation operation, ulong dst, ulong src, ulong expected) =>
        Assert.Equal(expected, Arithmetic.Evaluate64(operation, dst, src));

    [Theory]
    [InlineData(Operation.Add, 0xffffffffu, 1u, 0UL)]
    [InlineData(Operation.Div, 7u, 0u, 0UL)]
    [InlineData(Operation.Mod, 7u, 0u, 7UL)]
    [InlineData(Operation.SDiv, 0x80000000u, 0xffffffffu, 0x80000000UL)]
    [InlineData(Operation.SMod, 0x80000000u, 0xffffffffu, 0UL)]
    [InlineData(Operation.Lsh, 1u, 33u, 2UL)]
    [InlineData(Operation.Arsh, 0x80000000u, 31u, 0xffffffffUL)]
    [InlineData(Operation.Neg, 1u, 0u, 0xffffffffUL)]
    public void Thirty_two_bit_operations_wrap_and_zero_extend(Operation operation, uint dst, uint src, ulong expected) =>
        Assert.Equal(expected, Arithmetic.Evaluate32(operation, dst, src));

    [Fact]
    public void Sign_extending_moves_and_swaps_use_the_low_bits()
    {
        Assert.Equal(0xffffffffffffff80UL, Arithmetic.Evaluate64(Operation.MovSx, 0, 0x1234_5680, 8));
        Assert.Equal(0xffffff80UL, Arithmetic.Evaluate32(Operation.MovSx, 0, 0x1234_5680, 8));
        Assert.Equal(0x3412UL, Arithmetic.Evaluate64(Operation.ToBigEndian, 0xaaaa_1234, 0, 16));
        Assert.Equal(0x1234UL, Arithmetic.Evaluate64(Operation.ToLittleEndian, 0xaaaa_1234, 0, 16));
        Assert.Equal(0x0807060504030201UL, Arithmetic.Evaluate64(Operation.ByteSwap, 0x0102030405060708, 0, 64));
    }

    [Theory]
    [InlineData(Operation.Jsgt, 0xffffffffUL, 0UL, true, false)]
    [InlineData(Operation.Jsgt, 0xffffffffUL, 0UL, false, true)]
    [InlineData(Operation.Jeq, 0x1_0000_0001UL, 1UL, true, true)]
    [InlineData(Operation.Jeq, 0x1_0000_0001UL, 1UL, false, false)]
    [InlineData(Operation.Jset, 6UL, 1UL, false, false)]
    public void Thirty_two_bit_jumps_compare_the_low_halves(Operation condition, ulong dst, ulong src, bool is32Bit, bool taken) =>
        Assert.Equal(taken, Arithmetic.IsTaken(condition, dst, src, is32Bit));
}
