using System.Collections.Immutable;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

/// <summary>Test runs of socket filters and tc programs (<c>bpf_prog_test_run_skb</c>) and raw tracepoints (<c>bpf_prog_test_run_raw_tp</c>).</summary>
public static partial class TestRun
{
    /// <summary><c>MAX_BPF_FUNC_ARGS</c>: a raw tracepoint's context holds at most 12 arguments.</summary>
    public const int MaxRawTracepointArguments = 12;

    private static TestRunResult RunSkb(IExecutable program, TestRunOptions options, ImmutableArray<MemoryRegion> regions, bool layer2)
    {
        if (options.DataIn.Length is < SkbFrame.MinPacket or > SkbFrame.MaxPacket)
        {
            throw Refuse($"an skb test run's packet is {SkbFrame.MinPacket} to {SkbFrame.MaxPacket} bytes, not {options.DataIn.Length}");
        }

        var contextIn = SkbContextIn.Parse(options.ContextIn.Span, out var error) ?? throw Refuse(error!);
        var length = (uint)(layer2 ? options.DataIn.Length : options.DataIn.Length - SkbFrame.EthernetHeader);
        if (contextIn.CheckWireLength(length) is { } wire)
        {
            throw Refuse(wire);
        }

        using var frame = new SkbFrame();
        frame.Load(options.DataIn.Span, layer2, contextIn);
        var request = frame.Request;
        var (result, duration) = Repeat(program, request with { Regions = request.Regions.AddRange(regions) }, options.Repeat);
        return new TestRunResult(result.ReturnValue, frame.Packet, frame.ContextOut(options.ContextIn.Span), duration, result.Fault) { Redirect = frame.Redirect };
    }

    /// <summary>
    /// A raw tracepoint gets its arguments, <c>ctx_in</c>, as an array of <c>__u64</c> and no packet, as the kernel's
    /// <c>bpf_prog_test_run_raw_tp</c>. Linux runs it once and refuses <c>repeat</c>; here repeats run as for other types.
    /// </summary>
    private static TestRunResult RunRawTracepoint(IExecutable program, TestRunOptions options, ImmutableArray<MemoryRegion> regions)
    {
        if (!options.DataIn.IsEmpty)
        {
            throw Refuse("a raw tracepoint takes no data_in: give its arguments as ctx_in");
        }

        if (options.ContextIn.Length > MaxRawTracepointArguments * sizeof(ulong))
        {
            throw Refuse($"a raw tracepoint has at most {MaxRawTracepointArguments} arguments ({MaxRawTracepointArguments * sizeof(ulong)} bytes), not {options.ContextIn.Length} bytes");
        }

        // The buffer is as large as any context, so that a read past ctx_in in an unchecked run finds zeros; the
        // region is ctx_in itself, as the kernel refuses contexts shorter than the program reads.
        using var arguments = new NativeBuffer(MaxRawTracepointArguments * sizeof(ulong));
        options.ContextIn.Span.CopyTo(arguments.Span);
        var context = new MemoryRegion(arguments.Address, (ulong)options.ContextIn.Length, false, "bpf_raw_tracepoint_args");
        var request = new ExecutionRequest([arguments.Address], regions.Insert(0, context));
        var (result, duration) = Repeat(program, request, options.Repeat);
        return new TestRunResult(result.ReturnValue, [], [], duration, result.Fault);
    }
}
