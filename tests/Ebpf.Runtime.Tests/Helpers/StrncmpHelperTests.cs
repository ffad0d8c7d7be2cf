using Ebpf.Runtime.Execution;
using System.Text;
using Ebpf.Core.Diagnostics;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary><c>bpf_strncmp</c>; helpers_maps.c cases 40 to 47.</summary>
public sealed class StrncmpHelperTests
{
    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Strings_compare_as_the_kernels_strncmp_with_bytes_unsigned(EngineKind engine)
    {
        using var loaded = Load("helpers_maps", engine);
        RunOnce(loaded);
        var results = loaded.FindMap("results")!;
        // "hello", "help", "hellp", "hello, world" (13 then 5 bytes), "hel" (3 bytes of "help"), "\xe9ello", "hella" against "hello".
        Assert.Equal([0, 1, 1, 1, 0, 0, 1, -1], Enumerable.Range(40, 8).Select(i => S64(results, (uint)i)));
    }

    [Theory]
    [InlineData("abc", 3, "abd", -1)]
    [InlineData("abc", 2, "abd", 0)]
    [InlineData("abc", 4, "abc", 0)]
    [InlineData("ab", 3, "abc", -1)]
    [InlineData("abcd", 4, "abc", 1)]
    public void The_size_bounds_s1_and_s2_ends_at_its_nul(string s1, int size, string s2, long expected)
    {
        // s1 at offset 0, s2 (NUL-terminated) at offset 32.
        var memory = new byte[64];
        Encoding.ASCII.GetBytes(s1).CopyTo(memory, 0);
        Encoding.ASCII.GetBytes(s2).CopyTo(memory, 32);
        Assert.Equal(expected, (long)Returns($"mov %r3, %r1\nadd %r3, 32\nmov %r2, {size}\ncall 182\nexit", memory));
    }

    [Fact]
    public void S1_past_the_programs_memory_faults_in_checked_runs()
    {
        var (result, _) = Run("mov %r3, %r1\nadd %r3, 32\nmov %r2, 65\ncall 182\nexit");
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
    }

    [Fact]
    public void A_constant_string_without_a_nul_in_the_programs_memory_faults_in_checked_runs()
    {
        var memory = Enumerable.Repeat((byte)'a', 64).ToArray();
        var (result, _) = Run("mov %r3, %r1\nadd %r3, 32\nmov %r2, 4\ncall 182\nexit", memory);
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
        Assert.Contains("NUL-terminated", result.Fault!.Message, StringComparison.Ordinal);
    }
}
