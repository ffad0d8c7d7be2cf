using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// A compiled program bound to one request (<see cref="JitProgram.Bind"/>): its own stack, its own helper context and
/// a run state that lives here rather than being rebuilt per run, so that a run calls the entry function and little
/// else. What <see cref="JitProgram.Run"/> does per run (renting the thread's stack, building the state,
/// binding the thread's helper context on the first helper call) is done once, here.
/// </summary>
/// <remarks>
/// The stack is a pinned array of the program's frames, so the run depends on no thread-static and is not disturbed
/// by other runs on the same thread in between (each bound run has its stack and its helper context to itself).
/// </remarks>
internal sealed unsafe class JitRun : BoundRun
{
    private const int FrameSize = ExecutionOptions.StackFrameSize;

    private readonly JitProgram _program;
    private readonly JitEntry _entry;
    private readonly byte[] _stack;
    private readonly ulong _top;
    private readonly ulong _r1;
    private readonly ulong _r2;
    private readonly ulong _r3;
    private readonly ulong _r4;
    private readonly ulong _r5;
    private readonly long _budget;
    private JitState _state;

    public JitRun(JitProgram program, in ExecutionRequest request)
    {
        var arguments = request.Arguments.IsDefault ? [] : request.Arguments.AsSpan();
        if (arguments.Length > 5)
        {
            throw new ArgumentException("A program takes at most five arguments, r1 to r5.", nameof(request));
        }

        ulong Argument(ReadOnlySpan<ulong> given, int i) => i < given.Length ? given[i] : 0;
        (_r1, _r2, _r3, _r4, _r5) = (Argument(arguments, 0), Argument(arguments, 1), Argument(arguments, 2), Argument(arguments, 3), Argument(arguments, 4));
        _program = program;
        _entry = program.Entry;
        _budget = program.InstructionBudget;

        // Frames are 8-byte values that atomics touch: align the stack's top as a native stack would be.
        var size = program.MaxCallDepth * FrameSize;
        _stack = GC.AllocateArray<byte>(size + 64, pinned: true);
        var start = (ulong)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_stack));
        _top = ((start + 63) & ~63UL) + (ulong)size;
        var regions = request.Regions.IsDefault ? [] : request.Regions;
        var context = new HelperContext(program.IsChecked, regions, request.Environment) { Host = program };
        _state = new JitState
        {
            StackTop = _top,
            StackLimit = _top - (ulong)size,
            Program = program,
            Regions = regions,
            Environment = request.Environment,
            Helpers = context,
        };
        Reset();
        if (request.Packet is { } packet)
        {
            (_state.HasPacket, _state.PacketStart, _state.PacketLength) = (true, packet.Start, packet.Length);
            (_state.MacHeader, _state.NetworkHeader) = (request.MacHeader, request.NetworkHeader);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A run that ends plainly leaves the state as it found it (no stop, no tail call, nothing counted), so the state
    /// is reset after the rare runs that changed it rather than before every run: no store precedes the program. That
    /// matters to programs with an atomic (<c>xdp_count_drop</c>'s <c>lock inc</c>): a locked instruction waits until
    /// every earlier store has left the store buffer.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ExecutionResult Run()
    {
        var r0 = _entry(_r1, _top, ref _state, _r2, _r3, _r4, _r5);
        return (_state.Stop == JitStop.None) & (_state.TailCalls == 0) & (_state.Executed == 0) ? new ExecutionResult(r0, null, 0) : Stopped(r0);
    }

    /// <summary>
    /// The rare ends: a tail call, an exit a helper asked for, a fault, or a run that counted instructions; the state is
    /// then reset for the next run.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ExecutionResult Stopped(ulong r0)
    {
        var result = _state.Stop == JitStop.None ? new ExecutionResult(r0, null, _state.Executed) : JitProgram.Finish(ref _state, r0, _top);
        Reset();
        return result;
    }

    private void Reset()
    {
        _state.Stop = JitStop.None;
        _state.TailCalls = 0;
        _state.Executed = 0;
        _state.Limit = _budget;
    }
}
