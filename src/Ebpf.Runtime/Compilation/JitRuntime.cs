using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Interpretation;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// What compiled code calls besides helpers: the helper context around each call, faults, legacy packet loads.
/// Fast paths are small enough for RyuJIT to inline into the generated code; rare paths are out of line.
/// </summary>
internal static unsafe class JitRuntime
{
    private const int FrameSize = ExecutionOptions.StackFrameSize;

    /// <summary>-ENOENT: what a tail call that cannot be made returns to the program.</summary>
    private const ulong NoEntry = unchecked((ulong)-2L);

    [ThreadStatic]
    private static HelperContext?[]? t_contexts;

    /// <summary>The helper context for a call made from the frame at <paramref name="framePointer"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HelperContext BeginHelper(ref JitState state, ulong framePointer)
    {
        var context = state.Helpers ?? BindContext(ref state);
        context.Reset();
        var bottom = framePointer - FrameSize;
        context.Stack = new(bottom, state.StackTop - bottom, true, "stack");
        return context;
    }

    /// <summary>
    /// Looks at what the helper asked for after it returned: nothing (the usual case) gives back r0; a fault,
    /// an exit or a tail call set <see cref="JitState.Stop"/> for the code to unwind; a tail call that cannot
    /// be made gives -ENOENT, as the interpreter does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EndHelper(ref JitState state, HelperContext context, ulong r0, ulong r1, int helper, int pc) =>
        context.FailureMessage is null && !context.ExitRequested && context.TailCallTarget is null
            ? r0
            : Requested(ref state, context, r0, r1, helper, pc);

    /// <summary>
    /// Where the running thread's block of a per-CPU array starts, from CPU 0's: its CPU (<see cref="Maps.ExecutionCpu"/>,
    /// wrapped at <paramref name="cpuCount"/> as the map itself wraps it) times <paramref name="cpuStride"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CpuOffset(int cpuCount, ulong cpuStride)
    {
        var cpu = (uint)Maps.ExecutionCpu.Current;
        return (cpu < (uint)cpuCount ? cpu : cpu % (uint)cpuCount) * cpuStride;
    }

    /// <summary>Stops the run with a fault.</summary>
    public static void Fault(ref JitState state, DiagnosticCode code, int pc, string message)
    {
        state.Stop = JitStop.Fault;
        state.Fault = new ExecutionFault(code, pc, message);
    }

    /// <summary>Faults the instruction at <paramref name="pc"/>, the first past the running program's budget, with the interpreter's message.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BudgetExceeded(ref JitState state, int pc) =>
        Fault(ref state, DiagnosticCode.InstructionBudgetExceeded, pc, $"the run exceeded its budget of {state.Program.InstructionBudget} instructions");

    /// <summary>Faults a local call that would nest past the frame limit.</summary>
    public static void CallTooDeep(ref JitState state, int pc) =>
        Fault(ref state, DiagnosticCode.CallDepthExceeded, pc, $"local calls nest deeper than {state.Program.MaxCallDepth} frames");

    /// <summary>
    /// A legacy packet load (<c>ldabs</c>, <c>ldind</c>) at <paramref name="offset"/> (<see cref="LegacyPacketLoad.Offset"/>):
    /// the big-endian value where <see cref="LegacyPacketLoad"/> resolves it, or, outside the packet, an exit with 0
    /// as Linux does; without a packet, a fault.
    /// </summary>
    public static ulong LoadPacket(ref JitState state, int offset, int size, int pc)
    {
        if (!state.HasPacket)
        {
            Fault(ref state, DiagnosticCode.UnsupportedAtRuntime, pc, "legacy packet loads need a packet, and this run has none");
            return 0;
        }

        if (!LegacyPacketLoad.TryResolve(state.PacketStart, state.PacketLength, state.MacHeader, state.NetworkHeader, offset, size, out var resolved))
        {
            state.Stop = JitStop.Exit;
            state.Result = 0;
            return 0;
        }

        var address = (void*)resolved;
        return size switch
        {
            1 => *(byte*)address,
            2 => BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(address)),
            _ => BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(address)),
        };
    }

    /// <summary><c>callx</c>: the helper is known only at run time, so it is looked up here.</summary>
    public static ulong CallIndirect(ref JitState state, ulong id, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, ulong framePointer, int pc)
    {
        var helper = state.Program.Helpers.Find((long)id);
        if (helper is null)
        {
            Fault(ref state, DiagnosticCode.UnknownHelper, pc, $"helper {(long)id} is not available to this program");
            return 0;
        }

        var context = BeginHelper(ref state, framePointer);
        var r0 = helper.Function(context, r1, r2, r3, r4, r5);
        return EndHelper(ref state, context, r0, r1, helper.Id, pc);
    }

    /// <summary>The thread's context for this nesting level, pointed at this run.</summary>
    private static HelperContext BindContext(ref JitState state)
    {
        var contexts = t_contexts ??= new HelperContext?[65];
        var context = contexts[state.Nesting] ??= new HelperContext(false, [], null);
        context.Rebind(state.Program.IsChecked, state.Regions, state.Environment);
        context.Host = state.Program;
        return state.Helpers = context;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Requested(ref JitState state, HelperContext context, ulong r0, ulong r1, int helper, int pc)
    {
        if (context.FailureMessage is { } failure)
        {
            var name = state.Program.Helpers.Find(helper)?.Name ?? "?";
            Fault(ref state, DiagnosticCode.HelperFault, pc, $"helper {name} ({helper}) failed: {failure}");
            return 0;
        }

        if (context.ExitRequested)
        {
            state.Stop = JitStop.Exit;
            state.Result = r0;
            return r0;
        }

        // A tail call replaces the function that made it (the program, or a sub-program, whose caller gets the
        // target's r0): the code unwinds to that function's caller, which runs the target. Inside a callback (which
        // Linux refuses to load), past 33, or to another engine's program it fails and the program goes on.
        if (state.Nesting == 0 && context.TailCallTarget is JitProgram next && ++state.TailCalls <= JitProgram.MaxTailCalls)
        {
            state.Stop = JitStop.TailCall;
            state.TailCallTarget = next;
            state.TailCallContext = r1;
            return 0;
        }

        return NoEntry;
    }
}
