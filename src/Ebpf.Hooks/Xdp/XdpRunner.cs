using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;

namespace Ebpf.Hooks.Xdp;

/// <summary>
/// Runs one XDP program over packet after packet on one thread: the hot path of both the capture mode and
/// each live worker. One <see cref="XdpFrame"/> is reused and the run is bound to its request once
/// (<see cref="IExecutable.Bind"/>), so a packet costs a copy into the frame and the program's run, with no allocation.
/// eBPF for Windows' XDP programs (its <c>xdp</c> and <c>xdp_test</c> types) run on a frame of its <c>xdp_md_t</c>
/// layout, and their <c>xdp_action_t</c> verdicts, which start at 1, are read as Linux's actions of the same name.
/// </summary>
/// <remarks>Not thread-safe: each thread makes its own runner (they may share the program and its maps).</remarks>
public sealed unsafe class XdpRunner : IDisposable
{
    private readonly XdpFrame _frame;
    private readonly BoundRun _run;
    private readonly bool _windows;

    /// <summary>Prepares to run <paramref name="program"/>.</summary>
    /// <exception cref="DiagnosticException">The program is not an XDP program.</exception>
    public XdpRunner(LoadedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (!IsXdp(program))
        {
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.NotAnXdpProgram,
                $"program '{program.Name}' is of type {program.Type}, not XDP", new DiagnosticLocation(Program: program.Name))]);
        }

        _windows = program.Spec.Platform == AbiPlatform.Windows;
        _frame = new XdpFrame(program.Spec.Platform);
        Program = program;
        var request = _frame.Request;
        request = request with { Environment = _frame, Regions = request.Regions.AddRange(program.MapRegions) };
        _run = program.Executable.Bind(in request);
    }

    /// <summary>The program it runs.</summary>
    public LoadedProgram Program { get; }

    /// <summary>The frame packets run in: after a run, its redirect target and bounds are the program's.</summary>
    public XdpFrame Frame => _frame;

    /// <summary>r0 of the last run, as the program returned it (0 after a fault).</summary>
    public ulong ReturnValue { get; private set; }

    /// <summary>Why the last run stopped early, or null when the program exited.</summary>
    public ExecutionFault? LastFault { get; private set; }

    /// <summary>The last packet as the program left it: from <c>data</c> to <c>data_end</c>, metadata excluded. Valid until the next run.</summary>
    public ReadOnlySpan<byte> Packet
    {
        get
        {
            var (data, end, _) = _frame.Bounds;
            return new ReadOnlySpan<byte>((void*)data, (int)(end - data));
        }
    }

    /// <summary>True when <paramref name="program"/> is an XDP program: Linux's type, or eBPF for Windows' <c>xdp</c> or <c>xdp_test</c>.</summary>
    public static bool IsXdp(LoadedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.Spec.Platform == AbiPlatform.Windows
            ? (int)program.Type is WindowsProgramType.Xdp or WindowsProgramType.XdpTest
            : program.Type == ProgramType.Xdp;
    }

    /// <summary>True when a packet of <paramref name="length"/> bytes fits a frame: an Ethernet header at least, <see cref="XdpFrame.MaxPacket"/> at most.</summary>
    public static bool Fits(int length) => length is >= XdpFrame.MinPacket and <= XdpFrame.MaxPacket;

    /// <summary>Runs the program on a packet, which must <see cref="Fits"/>.</summary>
    /// <param name="packet">The frame, from its Ethernet header.</param>
    /// <param name="ingressIfindex">The interface it arrived on (<c>ingress_ifindex</c>).</param>
    /// <param name="rxQueue">The receive queue (<c>rx_queue_index</c>).</param>
    /// <returns>
    /// The verdict: a fault or a return value Linux does not know is <see cref="XdpAction.Aborted"/>, as the kernel
    /// treats them; a Windows program's <c>XDP_PASS</c> (1) to <c>XDP_REDIRECT</c> (4) are the actions of those names,
    /// and any other value is aborted (XDP for Windows drops it).
    /// </returns>
    public XdpAction Run(ReadOnlySpan<byte> packet, uint ingressIfindex = 1, uint rxQueue = 0)
    {
        _frame.Load(packet, ingressIfindex, rxQueue);
        var result = _run.Run();
        ReturnValue = result.ReturnValue;
        LastFault = result.Fault;
        // The kernel reads the verdict as a u32 (bpf_prog_run_xdp), so r0's upper half does not count.
        var action = (uint)result.ReturnValue;
        if (_windows)
        {
            action = action switch
            {
                1 => (uint)XdpAction.Pass,
                2 => (uint)XdpAction.Drop,
                3 => (uint)XdpAction.Tx,
                4 => (uint)XdpAction.Redirect,
                _ => (uint)XdpAction.Aborted,
            };
        }

        return result.Fault is null && action <= (uint)XdpAction.Redirect ? (XdpAction)action : XdpAction.Aborted;
    }

    /// <inheritdoc />
    public void Dispose() => _frame.Dispose();
}
