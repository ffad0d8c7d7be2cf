using System.Collections.Immutable;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// What one run of compiled code shares between its functions, passed to each by reference: the stack bounds,
/// how the run stops early, and what helpers need. Lives on the CLR stack, so a run allocates nothing.
/// </summary>
/// <remarks>
/// Public only so that ahead-of-time generated code (<c>ebpf compile</c>, <see cref="Native.NativeObject"/>) can pass it
/// along: its fields are internal, and generated code reaches them through <see cref="Native.NativeRuntime"/>.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1815", Justification = "An opaque run state passed by reference, never compared.")]
public struct JitState
{
    /// <summary>The top of frame 0 (r10 of the program's own frame).</summary>
    internal ulong StackTop;

    /// <summary>The lowest address a frame may use: below it a local call or callback would nest too deep.</summary>
    internal ulong StackLimit;

    /// <summary>Set with <see cref="JitStop"/> when code unwinds; read after every call.</summary>
    internal JitStop Stop;

    /// <summary>r0 when <see cref="Stop"/> is <see cref="JitStop.Exit"/>.</summary>
    internal ulong Result;

    /// <summary>Why the run stopped, when <see cref="Stop"/> is <see cref="JitStop.Fault"/>.</summary>
    internal ExecutionFault? Fault;

    /// <summary>The program running now (it changes on tail calls): its helpers and callbacks.</summary>
    internal JitProgram Program;

    /// <summary>The helper context of this run, made or fetched on the first helper call.</summary>
    internal HelperContext? Helpers;

    /// <summary>Memory besides the stack that the run was given (helpers read it, even unchecked).</summary>
    internal ImmutableArray<MemoryRegion> Regions;

    /// <summary>What the program type's helpers act on.</summary>
    internal object? Environment;

    /// <summary>The packet of legacy packet loads (<see cref="PacketLength"/> 0 and no packet when <see cref="HasPacket"/> is false).</summary>
    internal ulong PacketStart;

    /// <summary>Its length.</summary>
    internal ulong PacketLength;

    /// <summary>Whether the run has a packet for legacy loads.</summary>
    internal bool HasPacket;

    /// <summary>The packet's link-layer header, for legacy loads at <c>SKF_LL_OFF</c> (<see cref="ExecutionRequest.MacHeader"/>).</summary>
    internal ulong? MacHeader;

    /// <summary>The packet's network header, for legacy loads at <c>SKF_NET_OFF</c> (<see cref="ExecutionRequest.NetworkHeader"/>).</summary>
    internal ulong? NetworkHeader;

    /// <summary>Which of the thread's helper contexts this run uses: 0 for a run, one more per nested callback.</summary>
    internal int Nesting;

    /// <summary>The program a successful tail call continues with.</summary>
    internal JitProgram? TailCallTarget;

    /// <summary>r1 of the tail call: the context the target starts with.</summary>
    internal ulong TailCallContext;

    /// <summary>Tail calls made so far in this run.</summary>
    internal int TailCalls;

    /// <summary>Instructions executed so far, counted only by code compiled with an instruction budget.</summary>
    internal long Executed;

    /// <summary>The count past which the running function's budget is exceeded (<see cref="JitProgram.InstructionBudget"/> on from where it started).</summary>
    internal long Limit;
}
