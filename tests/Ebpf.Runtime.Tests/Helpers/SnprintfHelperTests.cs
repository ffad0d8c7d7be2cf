using Ebpf.Runtime.Execution;
using System.Text;
using Ebpf.Core.Diagnostics;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary><c>bpf_snprintf</c>; helpers_printf.c cases 0 to 18, whose expected texts come from Linux 6.18.</summary>
[Collection(TracePipeCollection.Name)]
public sealed class SnprintfHelperTests
{
    private const ulong Einval = unchecked((ulong)-22L);

    public static TheoryData<uint, long, string> KernelTexts => new()
    {
        { 0, 38, "42|   42|42   |-0042|+42| 42|42   |-7" },
        { 1, 85, "4294967295 abcdef ABCDEF ffffffffffffffff 18446744073709551615 -5 -6 123456789abcdef" },
        { 2, 25, "x  yz  |   ab|ab   ||é|" },
        { 3, 69, "192.168.1.20 192.168.001.020 2001:0db8:0000:0000:0000:0000:0012:0001" },
        { 4, 91, "20010db8000000000000000000120001 0000000000001234 0x20 0x30|                 abc|0x40    |" },
        { 8, 9, "%3% 100%" },
        { 9, 28, "1 2 3 4 5 6 7 8 9 10 11 -12" },
        { 10, 9, "café é" },
        { 11, 7, "ab|ab|" },
        { 16, 32, "ffffffff FFFFFFFE 4294967293 -1" },
        { 17, 14, "tab\there\nline" },
        { 18, 27, "192.168.1.20|192.168.1.20|" },
    };

    [Theory]
    [MemberData(nameof(KernelTexts))]
    public void Every_conversion_prints_as_the_kernel_prints_it(uint index, long needed, string text)
    {
        using var loaded = Load("helpers_printf");
        RunOnce(loaded);
        var output = loaded.FindMap("printf_out")!;
        Assert.Equal(needed, S64(output, index));
        Assert.Equal(text, Encoding.UTF8.GetString(CString(output, index, 8)));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Output_is_cut_to_the_size_and_nul_terminated_and_the_result_is_the_size_needed(EngineKind engine)
    {
        using var loaded = Load("helpers_printf", engine);
        RunOnce(loaded);
        var output = loaded.FindMap("printf_out")!;
        // "abcdefghij 7" needs 13 bytes: size 5 keeps "abcd", size 1 only the NUL, size 0 writes nothing.
        Assert.Equal([13, 13, 13], new[] { S64(output, 5), S64(output, 6), S64(output, 7) });
        Assert.Equal("abcd", Encoding.ASCII.GetString(CString(output, 5, 8)));
        Assert.Equal("", Encoding.ASCII.GetString(CString(output, 6, 8)));
        Assert.Equal("untouched", Encoding.ASCII.GetString(CString(output, 7, 8)));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Strings_share_a_512_byte_buffer_and_what_does_not_fit_is_enospc(EngineKind engine)
    {
        using var loaded = Load("helpers_printf", engine);
        RunOnce(loaded);
        var output = loaded.FindMap("printf_out")!;
        // A 599-byte string is cut to 511 bytes and fills the buffer; a string, char or int after it has no room.
        Assert.Equal([512, -28, -28, -28], new[] { S64(output, 12), S64(output, 13), S64(output, 14), S64(output, 15) });
        Assert.Equal(string.Concat(Enumerable.Range(0, 119).Select(i => (char)('a' + (i % 26)))), Encoding.ASCII.GetString(CString(output, 12, 8)));
    }

    [Theory]
    [InlineData("%p", 0x1234UL, "0000000000001234")]
    [InlineData("%pK|%5p|", 0xabUL, "00000000000000ab|   ab|")]
    [InlineData("%-8x|%+5u|%ps", 0x10UL, "10      |   16|0x10")]
    public void Pointers_print_unhashed(string format, ulong argument, string expected)
    {
        Assert.Equal(expected, Format(format, [argument, argument, argument]).Text);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(104)]
    public void Data_that_is_not_a_whole_number_of_at_most_12_arguments_is_einval(int length)
    {
        var memory = Memory("%d");
        Assert.Equal(Einval, Returns(Snprintf(dataLength: length), memory));
    }

    [Fact]
    public void Null_data_with_a_length_is_einval()
    {
        Assert.Equal(Einval, Returns(Snprintf(dataLength: 8, data: "mov %r4, 0"), Memory("%d")));
    }

    [Fact]
    public void More_conversions_than_arguments_is_einval()
    {
        Assert.Equal(Einval, Format("%d %d", [1]).Result);
    }

    [Fact]
    public void A_destination_past_the_programs_memory_faults_in_checked_runs()
    {
        var (result, _) = Run(Snprintf(size: 200), Memory("%d"));
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
    }

    [Fact]
    public void A_string_argument_outside_the_programs_memory_faults_in_checked_runs_and_prints_empty_otherwise()
    {
        var memory = Memory("<%s>", 0x1000);
        var (result, _) = Run(Snprintf(), memory);
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
        Assert.Contains("%s", result.Fault!.Message, StringComparison.Ordinal);

        var (unchecked_, after) = Run(Snprintf(), memory, isChecked: false);
        Assert.Equal(3UL, unchecked_.ReturnValue);
        Assert.Equal("<>", Text(after));
    }

    [Fact]
    public void Null_strings_print_empty_and_null_addresses_print_zeros()
    {
        Assert.Equal("<>0.0.0.0", Format("<%s>%pI4", [0, 0]).Text);
    }

    [Fact]
    public void Strings_and_addresses_are_read_from_the_programs_memory()
    {
        // Arguments point into the scratch memory: a string at 96 and an IPv4 address at 112.
        var memory = Memory("%s@%pI4", 0, 0);
        "host"u8.CopyTo(memory.AsSpan(96));
        new byte[] { 10, 0, 0, 1 }.CopyTo(memory, 112);
        const string Program = "mov %r6, %r1\nmov %r7, %r1\nadd %r7, 96\nstxdw [%r6+64], %r7\nadd %r7, 16\nstxdw [%r6+72], %r7\n";
        var (result, after) = Run(Program + Snprintf(dataLength: 16), memory);
        Assert.Equal("host@10.0.0.1", Text(after));
        Assert.Equal(14UL, result.ReturnValue);
    }

    /// <summary>
    /// bpf_snprintf(mem + 128, size, mem, mem + 64, data_len) with r1 = mem: the format at 0, arguments at 64, output at 128.
    /// </summary>
    internal static string Snprintf(int size = 64, int dataLength = 8, string data = "mov %r4, %r6\nadd %r4, 64") =>
        $"mov %r6, %r1\nmov %r3, %r6\n{data}\nmov %r5, {dataLength}\nmov %r1, %r6\nadd %r1, 128\nmov %r2, {size}\ncall 165\nexit";

    /// <summary>Scratch memory of 192 bytes: the NUL-terminated format at 0, u64 arguments from 64.</summary>
    internal static byte[] Memory(string format, params ulong[] arguments)
    {
        var memory = new byte[192];
        Encoding.ASCII.GetBytes(format).CopyTo(memory, 0);
        for (var i = 0; i < arguments.Length; i++)
        {
            BitConverter.TryWriteBytes(memory.AsSpan(64 + (8 * i)), arguments[i]);
        }

        return memory;
    }

    /// <summary>The output text at 128.</summary>
    internal static string Text(byte[] memory)
    {
        var output = memory.AsSpan(128);
        return Encoding.UTF8.GetString(output[..output.IndexOf((byte)0)]);
    }

    private static (ulong Result, string Text) Format(string format, ulong[] arguments)
    {
        var (result, memory) = Run(Snprintf(dataLength: 8 * arguments.Length), Memory(format, arguments));
        Assert.True(result.Succeeded, result.Fault?.ToString());
        return (result.ReturnValue, Text(memory));
    }
}

/// <summary>Tests that write to or read <see cref="Runtime.Helpers.TracePipe"/>, which is process-wide, run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TracePipeCollection
{
    public const string Name = "TracePipe";
}
