using System.Collections.Immutable;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Execution;

/// <summary>One run of a program: its arguments and the memory it may touch besides its stack.</summary>
/// <param name="Arguments">Initial values of r1 to r5, in order; registers not given are unset.</param>
/// <param name="Regions">Memory the program may access (checked mode enforces it).</param>
public readonly record struct ExecutionRequest(ImmutableArray<ulong> Arguments, ImmutableArray<MemoryRegion> Regions)
{
    /// <summary>The packet that legacy packet loads (<c>ldabs</c>, <c>ldind</c>) read; null where there is none.</summary>
    public MemoryRegion? Packet { get; init; }

    /// <summary>
    /// Where the packet's link-layer header starts, for legacy packet loads at <c>SKF_LL_OFF</c> (-0x200000) and
    /// beyond; null where the run has none.
    /// </summary>
    public ulong? MacHeader { get; init; }

    /// <summary>Where the packet's network header starts, for legacy packet loads at <c>SKF_NET_OFF</c> (-0x100000) and beyond; null where the run has none.</summary>
    public ulong? NetworkHeader { get; init; }

    /// <summary>What the program type's helpers act on for this run (an <c>XdpFrame</c> for XDP), or null.</summary>
    public object? Environment { get; init; }

    /// <summary>A run with r1 pointing at <paramref name="region"/> and r2 holding its length, as the conformance suite runs programs.</summary>
    public static ExecutionRequest ForMemory(MemoryRegion region) =>
        new([region.Start, region.Length], [region]);

    /// <summary>A run with the given arguments and no memory.</summary>
    public static ExecutionRequest WithArguments(params ulong[] arguments) => new([.. arguments], []);
}
