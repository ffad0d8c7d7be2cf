using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Compilation;

namespace Ebpf.Runtime.Native;

/// <summary>
/// What ahead-of-time generated code (<c>ebpf compile</c>) calls besides plain C#: the same run-time pieces the JIT's
/// IL calls (helper calls, local-call frames, tail calls, legacy packet loads, atomics), so that generated code and
/// the JIT behave alike by construction. Not meant for hand-written code.
/// </summary>
/// <remarks>
/// After any call that may end the run early (a helper, a local call, a legacy packet load), generated code tests
/// <see cref="Stopped"/> and unwinds with <c>return 0</c>: the engine then reads why from the state.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeRuntime
{
    private const int FrameSize = Execution.ExecutionOptions.StackFrameSize;

    /// <summary>Whether the run stopped (a fault, an exit a helper asked for, a tail call): the code must unwind.</summary>
    /// <param name="state">The run's state.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Stopped(ref JitState state) => state.Stop != JitStop.None;

    /// <summary>
    /// The values the running program's <c>lddw</c> instructions load once loaded (map handles, value addresses), by
    /// slot: a function reads the reference once on entry and each <c>lddw</c> is then one load
    /// (<see cref="Relocated(ref ulong, int)"/>). The running program does not change while a function runs: a tail
    /// call's target runs in its place and the caller's program is restored when it returns.
    /// </summary>
    /// <param name="state">The run's state.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref ulong Relocations(ref JitState state) => ref MemoryMarshal.GetArrayDataReference(state.Program.Relocations);

    /// <summary>The value the <c>lddw</c> at <paramref name="slot"/> loads, from <see cref="Relocations"/>.</summary>
    /// <param name="relocations">The running program's <see cref="Relocations"/>.</param>
    /// <param name="slot">The instruction's slot, within the program (its length was checked when the code was prepared).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Relocated(ref ulong relocations, int slot) => Unsafe.Add(ref relocations, slot);

    /// <summary>The value the <c>lddw</c> at <paramref name="slot"/> loads once the program is loaded: a map's handle or a value's address.</summary>
    /// <param name="state">The run's state.</param>
    /// <param name="slot">The instruction's slot.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Relocated(ref JitState state, int slot) => state.Program.Relocations[slot];

    /// <summary>Calls helper <paramref name="id"/> of the running program's helper table with r1 to r5 (a fault when it has none).</summary>
    /// <param name="state">The run's state.</param>
    /// <param name="id">The helper's number.</param>
    /// <param name="r1">r1.</param>
    /// <param name="r2">r2.</param>
    /// <param name="r3">r3.</param>
    /// <param name="r4">r4.</param>
    /// <param name="r5">r5.</param>
    /// <param name="framePointer">r10 of the calling function.</param>
    /// <param name="slot">The call's slot, for faults.</param>
    /// <returns>r0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CallHelper(ref JitState state, int id, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, ulong framePointer, int slot) =>
        state.Program.Helpers.Find(id) is { } helper
            ? Finish(ref state, helper.Function, helper.Id, r1, r2, r3, r4, r5, framePointer, slot)
            : JitRuntime.CallIndirect(ref state, (ulong)id, r1, r2, r3, r4, r5, framePointer, slot);

    /// <summary><c>callx</c>: the helper whose number is in a register.</summary>
    /// <param name="state">The run's state.</param>
    /// <param name="id">The register's value.</param>
    /// <param name="r1">r1.</param>
    /// <param name="r2">r2.</param>
    /// <param name="r3">r3.</param>
    /// <param name="r4">r4.</param>
    /// <param name="r5">r5.</param>
    /// <param name="framePointer">r10 of the calling function.</param>
    /// <param name="slot">The call's slot.</param>
    /// <returns>r0.</returns>
    public static ulong CallIndirect(ref JitState state, ulong id, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, ulong framePointer, int slot) =>
        JitRuntime.CallIndirect(ref state, id, r1, r2, r3, r4, r5, framePointer, slot);

    /// <summary>
    /// Before a local call from the frame at <paramref name="framePointer"/>: false (and a fault) when the callee's frame
    /// would pass the frame limit, as in the interpreter.
    /// </summary>
    /// <param name="state">The run's state.</param>
    /// <param name="framePointer">r10 of the caller.</param>
    /// <param name="slot">The call's slot.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EnterCall(ref JitState state, ulong framePointer, int slot)
    {
        if (framePointer - (2 * FrameSize) >= state.StackLimit)
        {
            return true;
        }

        JitRuntime.CallTooDeep(ref state, slot);
        return false;
    }

    /// <summary>
    /// After a local call whose callee unwound: a tail call made in the callee runs its target in the callee's frame
    /// (its r0 replaces <paramref name="r0"/>); true when the caller may go on, false when it must unwind too.
    /// </summary>
    /// <param name="state">The run's state.</param>
    /// <param name="r0">The callee's r0, replaced by the tail-call target's.</param>
    /// <param name="calleeFramePointer">r10 of the callee.</param>
    public static bool ContinueAfterCall(ref JitState state, ref ulong r0, ulong calleeFramePointer)
    {
        if (state.Stop != JitStop.TailCall)
        {
            return false;
        }

        r0 = JitProgram.RunTailCalls(ref state, calleeFramePointer);
        return state.Stop == JitStop.None;
    }

    /// <summary>Stops the run with a fault (running off the end, kernel functions, unresolved <c>lddw</c>).</summary>
    /// <param name="state">The run's state.</param>
    /// <param name="code">The fault's code.</param>
    /// <param name="slot">The faulting slot.</param>
    /// <param name="message">What happened.</param>
    public static void Fault(ref JitState state, DiagnosticCode code, int slot, string message) => JitRuntime.Fault(ref state, code, slot, message);

    /// <summary>A legacy packet load (<c>ldabs</c>, <c>ldind</c>): see the interpreter's <c>LegacyPacketLoad</c>.</summary>
    /// <param name="state">The run's state.</param>
    /// <param name="offset">The packet offset (for <c>ldind</c>, source plus immediate truncated to 32 bits).</param>
    /// <param name="size">1, 2 or 4 bytes.</param>
    /// <param name="slot">The instruction's slot.</param>
    /// <returns>The big-endian value.</returns>
    public static ulong LoadPacket(ref JitState state, int offset, int size, int slot) => JitRuntime.LoadPacket(ref state, offset, size, slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ref JitState state, Helpers.HelperFunction function, int id, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, ulong framePointer, int slot)
    {
        var context = JitRuntime.BeginHelper(ref state, framePointer);
        var r0 = function(context, r1, r2, r3, r4, r5);
        return JitRuntime.EndHelper(ref state, context, r0, r1, id, slot);
    }
}
