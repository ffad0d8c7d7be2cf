using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

/// <summary>
/// Runs a prepared program on given input, the equivalent of Linux's <c>BPF_PROG_TEST_RUN</c>: the
/// context is built as its program type defines it, runs repeat on the same context (so changes such as
/// head adjustments accumulate, as in the kernel), and maps keep their state between runs.
/// </summary>
public static partial class TestRun
{
    /// <summary>Runs <paramref name="program"/> as a program of <paramref name="type"/>.</summary>
    /// <param name="program">The prepared program.</param>
    /// <param name="type">Its program type, which decides the context.</param>
    /// <param name="options">Input and repeat count.</param>
    /// <param name="regions">Memory the program may touch besides its context and data: its maps' values.</param>
    /// <exception cref="DiagnosticException">The input does not suit the program type, or the type has no test runs.</exception>
    public static TestRunResult Run(IExecutable program, ProgramType type, TestRunOptions options, ImmutableArray<MemoryRegion> regions = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Repeat < 1)
        {
            throw Refuse($"repeat must be at least 1, not {options.Repeat}");
        }

        return type switch
        {
            ProgramType.Xdp => RunXdp(program, options, regions.IsDefault ? [] : regions),
            ProgramType.Unspecified => RunRaw(program, options, regions.IsDefault ? [] : regions),
            ProgramType.SocketFilter => RunSkb(program, options, regions.IsDefault ? [] : regions, layer2: false),
            ProgramType.SchedCls or ProgramType.SchedAct => RunSkb(program, options, regions.IsDefault ? [] : regions, layer2: true),
            ProgramType.RawTracepoint => RunRawTracepoint(program, options, regions.IsDefault ? [] : regions),
            ProgramType.CgroupSockAddr => RunSockAddr(program, options, regions.IsDefault ? [] : regions),
            _ => throw Refuse($"test runs of {type} programs are not supported yet; XDP, socket filter, tc, raw tracepoint, socket address and raw programs are"),
        };
    }

    private static TestRunResult RunXdp(IExecutable program, TestRunOptions options, ImmutableArray<MemoryRegion> regions)
    {
        if (options.DataIn.Length is < XdpFrame.MinPacket or > XdpFrame.MaxPacket)
        {
            throw Refuse($"an XDP packet is {XdpFrame.MinPacket} to {XdpFrame.MaxPacket} bytes, not {options.DataIn.Length}");
        }

        var context = options.ContextIn.Span;
        if (!context.IsEmpty && context.Length != 24)
        {
            throw Refuse($"the XDP context (struct xdp_md) is 24 bytes, not {context.Length}");
        }

        using var frame = new XdpFrame();
        var meta = context.IsEmpty ? 0 : (int)BinaryPrimitives.ReadUInt32LittleEndian(context);
        var ingress = context.IsEmpty ? 1u : BinaryPrimitives.ReadUInt32LittleEndian(context[12..]);
        var queue = context.IsEmpty ? 0u : BinaryPrimitives.ReadUInt32LittleEndian(context[16..]);
        if (meta < 0 || meta > Math.Min(options.DataIn.Length - XdpFrame.MinPacket, 32))
        {
            throw Refuse($"the context's data field (metadata length) is {meta}, more than the packet allows");
        }

        frame.Load(options.DataIn.Span, ingress, queue, meta);
        var request = frame.Request with { Environment = frame, Regions = frame.Request.Regions.AddRange(regions) };
        var (result, duration) = Repeat(program, request, options.Repeat);
        return new TestRunResult(result.ReturnValue, frame.Packet, frame.ContextOut, duration, result.Fault) { Redirect = frame.Redirect };
    }

    /// <summary>Raw programs get the data in r1 and its length in r2, and may change it.</summary>
    private static TestRunResult RunRaw(IExecutable program, TestRunOptions options, ImmutableArray<MemoryRegion> regions)
    {
        using var data = new NativeBuffer(options.DataIn.Span);
        var request = ExecutionRequest.ForMemory(data.AsRegion("data"));
        var (result, duration) = Repeat(program, request with { Regions = request.Regions.AddRange(regions) }, options.Repeat);
        return new TestRunResult(result.ReturnValue, data.Span.ToArray(), options.ContextIn.ToArray(), duration, result.Fault);
    }

    /// <summary>
    /// The timed loop, on a run bound to the request once (<see cref="IExecutable.Bind"/>), as the kernel's
    /// <c>bpf_test_run</c> sets up its context once: optimized from the start, as it runs once, often millions of
    /// times round (tiering would leave it slow).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ExecutionResult Result, double AverageNanoseconds) Repeat(IExecutable program, ExecutionRequest request, int repeat)
    {
        var run = program.Bind(in request);
        var result = default(ExecutionResult);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < repeat; i++)
        {
            result = run.Run();
            if (!result.Succeeded)
            {
                break;
            }
        }

        return (result, (Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency) / repeat);
    }

    private static DiagnosticException Refuse(string message) =>
        new([new Diagnostic(DiagnosticCode.InvalidTestRun, message, new DiagnosticLocation())]);
}
