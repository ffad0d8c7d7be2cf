using Ebpf.Runtime.Execution;

namespace Ebpf.Hooks.Xdp.Capture;

/// <summary>What a run over a capture did.</summary>
/// <param name="Counters">Packets and bytes per verdict, and packets skipped.</param>
/// <param name="Elapsed">Wall time of the run, reading and writing included.</param>
/// <param name="FirstFault">The first fault a packet caused (its packet counts as aborted), or null.</param>
/// <param name="FirstFaultPacket">The 1-based number of that packet in the capture.</param>
public sealed record XdpCaptureSummary(XdpCounters Counters, TimeSpan Elapsed, ExecutionFault? FirstFault, long FirstFaultPacket)
{
    /// <summary>Packets per second through the program.</summary>
    public double PacketsPerSecond => Elapsed > TimeSpan.Zero ? Counters.Packets / Elapsed.TotalSeconds : 0;
}
