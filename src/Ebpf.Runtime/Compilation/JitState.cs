using System.Collections.Immutable;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// What one run of compiled code shares between its functions, passed to each by reference: the stack bounds,
/// how the run stops early, and what helpers need. Lives on the CLR stack, so a run allocates nothing.
/// </summary>
internal struct JitState
{
    /// <summary>The top of frame 0 (r10 of the program's own frame).</summary>
    public ulong StackTop;

    /// <summary>The lowest address a frame may use: below it a local call or callback would nest too deep.</summary>
    public ulong StackLimit;

    /// <summary>Set with <see cref="JitStop"/> when code unwinds; read after every call.</summary>
    public JitStop Stop;

    /// <summary>r0 when <see cref="Stop"/> is <see cref="JitStop.Exit"/>.</summary>
    public ulong Result;

    /// <summary>Why the run stopped, when <see cref="Stop"/> is <see cref="JitStop.Fault"/>.</summary>
    public ExecutionFault? Fault;

    /// <summary>The program running now (it changes on tail calls): its helpers and callbacks.</summary>
    public JitProgram Program;

    /// <summary>The helper context of this run, made or fetched on the first helper call.</summary>
    public HelperContext? Helpers;

    /// <summary>Memory besides the stack that the run was given (helpers read it, even unchecked).</summary>
    public ImmutableArray<MemoryRegion> Regions;

    /// <summary>What the program type's helpers act on.</summary>
    public object? Environment;

    /// <summary>The packet of legacy packet loads (<see cref="PacketLength"/> 0 and no packet when <see cref="HasPacket"/> is false).</summary>
    public ulong PacketStart;

    /// <summary>Its length.</summary>
    public ulong PacketLength;

    /// <summary>Whether the run has a packet for legacy loads.</summary>
    public bool HasPacket;

    /// <summary>The packet's link-layer header, for legacy loads at <c>SKF_LL_OFF</c> (<see cref="ExecutionRequest.MacHeader"/>).</summary>
    public ulong? MacHeader;

    /// <summary>The packet's network header, for legacy loads at <c>SKF_NET_OFF</c> (<see cref="ExecutionRequest.NetworkHeader"/>).</summary>
    public ulong? NetworkHeader;

    /// <summary>Which of the thread's helper contexts this run uses: 0 for a run, one more per nested callback.</summary>
    public int Nesting;

    /// <summary>The program a successful tail call continues with.</summary>
    public JitProgram? TailCallTarget;

    /// <summary>r1 of the tail call: the context the target starts with.</summary>
    public ulong TailCallContext;

    /// <summary>Tail calls made so far in this run.</summary>
    public int TailCalls;

    /// <summary>Instructions executed so far, counted only by code compiled with an instruction budget.</summary>
    public long Executed;

    /// <summary>The count past which the running function's budget is exceeded (<see cref="JitProgram.InstructionBudget"/> on from where it started).</summary>
    public long Limit;
}
