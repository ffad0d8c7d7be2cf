using Ebpf.Runtime.Execution;
using System.Text;
using System.Text.RegularExpressions;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary><c>bpf_trace_printk</c>; helpers_printf.c cases 24 to 38, whose results come from Linux 6.18.</summary>
[Collection(TracePipeCollection.Name)]
public sealed partial class TracePrintkHelperTests
{
    private const long Einval = -22;

    /// <summary>What helpers_printf.c prints, in order.</summary>
    internal static readonly string[] Messages =
    [
        "helpers_printf: -5 ab z\n",
        "helpers_printf: no newline fffffffb",
        "helpers_printf: -5 12345 7a",
        "helpers_printf: " + string.Concat(Enumerable.Range(0, 511).Select(i => (char)('a' + (i % 26)))),
    ];

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Results_are_the_message_length_or_einval_for_formats_the_kernel_refuses(EngineKind engine)
    {
        using var loaded = Load("helpers_printf", engine);
        RunOnce(loaded);
        var output = loaded.FindMap("printf_out")!;
        // Valid; valid; %q %sx %5% %.2d, four conversions, a control character, no NUL, %lllx %#x and a lone %;
        // valid; three 599-byte strings (-ENOSPC); a prefix and a string cut to 511 bytes.
        long[] expected = [24, 35, Einval, Einval, Einval, Einval, Einval, Einval, Einval, Einval, Einval, Einval, 27, -28, 527];
        Assert.Equal(expected, Enumerable.Range(24, 15).Select(i => S64(output, (uint)i)));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Messages_reach_the_trace_pipe_in_order_stamped_with_the_thread_and_cpu(EngineKind engine)
    {
        TracePipe.Clear();
        using var loaded = Load("helpers_printf", engine);
        using (ExecutionCpu.Enter(1))
        {
            RunOnce(loaded);
        }

        var events = Mine(TracePipe.ReadAll());
        Assert.Equal(Messages, events.Select(e => e.Message));
        Assert.All(events, e => Assert.Equal(1, e.Cpu));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.TimestampNs <= p.Second.TimestampNs));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_line_reads_as_the_kernels_trace_pipe(EngineKind engine)
    {
        TracePipe.Clear();
        Returns(Program("hi %d", 7), Memory("hi %d"), engine: engine);
        var line = Assert.Single(Mine(TracePipe.ReadAll())).Line;
        Assert.Matches(TraceLine(), line);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_message_is_kept_up_to_1023_bytes_but_the_result_is_its_full_length(EngineKind engine)
    {
        TracePipe.Clear();
        Assert.Equal(1100UL, Returns(Program("%1100d", 5), Memory("%1100d"), engine: engine));
        var message = Assert.Single(Mine(TracePipe.ReadAll())).Message;
        Assert.Equal(1023, message.Length);
        Assert.Equal(new string(' ', 1023), message);
    }

    [Fact]
    public void A_format_without_a_nul_within_its_size_is_einval()
    {
        Assert.Equal(unchecked((ulong)Einval), Returns(Program("abc", 0, size: 3), Memory("abc")));
    }

    [Fact]
    public void A_format_past_the_programs_memory_faults_in_checked_runs()
    {
        var (result, _) = Run(Program("abc", 0, size: 65), Memory("abc"));
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_string_argument_outside_the_programs_memory_faults_in_checked_runs_and_prints_empty_otherwise(EngineKind engine)
    {
        TracePipe.Clear();
        var (result, _) = Run(Program("<%s>", 0x1000), Memory("<%s>"), engine: engine);
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
        var (unchecked_, _) = Run(Program("<%s>", 0x1000), Memory("<%s>"), isChecked: false, engine: engine);
        Assert.Equal(2UL, unchecked_.ReturnValue);
        Assert.Equal("<>", Assert.Single(Mine(TracePipe.ReadAll())).Message);
    }

    [Fact]
    public async Task A_reader_waiting_on_the_pipe_receives_the_next_message()
    {
        TracePipe.Clear();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var next = TracePipe.Reader.ReadAsync(timeout.Token).AsTask();
        var runner = Environment.CurrentManagedThreadId;
        Returns(Program("ping %u", 3), Memory("ping %u"));
        var e = await next;
        while (e.Pid != runner)
        {
            e = await TracePipe.Reader.ReadAsync(timeout.Token); // a program of another test printed first
        }

        Assert.Equal("ping 3", e.Message);
    }

    /// <summary>Events this thread wrote: other test classes may run programs that print meanwhile.</summary>
    internal static List<TraceEvent> Mine(IEnumerable<TraceEvent> events) =>
        [.. events.Where(e => e.Pid == Environment.CurrentManagedThreadId)];

    /// <summary>bpf_trace_printk(mem, size, argument) with the format at the start of the memory.</summary>
    private static string Program(string format, ulong argument, int? size = null) =>
        $"mov %r2, {size ?? Encoding.ASCII.GetByteCount(format) + 1}\nlddw %r3, 0x{argument:x}\ncall 6\nexit";

    private static byte[] Memory(string format)
    {
        var memory = new byte[64];
        Encoding.ASCII.GetBytes(format).CopyTo(memory, 0);
        return memory;
    }

    [GeneratedRegex(@"^.{16}-\d+ +\[\d{3}\] \.{5} +\d+\.\d{6}: bpf_trace_printk: hi 7$")]
    private static partial Regex TraceLine();
}
