using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Interpretation;

/// <summary>Bound runs: what every run of one request shares, prepared once (<see cref="IExecutable.Bind"/>).</summary>
public sealed unsafe partial class Interpreter
{
    /// <inheritdoc />
    public BoundRun Bind(in ExecutionRequest request) => new InterpreterRun(this, request);

    /// <summary>
    /// The interpreter bound to one request: its own pinned stack (so no thread-static is read per run and other runs
    /// on the thread in between do not disturb it), its arguments and its run state, with the helper context made on
    /// the first helper call kept for the next runs. A run zeroes the entry frame (unless verified), resets the state's tail-call fields
    /// and runs, as <see cref="Run"/> does.
    /// </summary>
    private sealed class InterpreterRun : BoundRun
    {
        private readonly Interpreter _program;
        private readonly ulong[] _arguments;
        private readonly byte[] _stack;
        private readonly ulong _top;
        private RunState _state;

        public InterpreterRun(Interpreter program, in ExecutionRequest request)
        {
            var arguments = request.Arguments.IsDefault ? [] : request.Arguments;
            if (arguments.Length > 5)
            {
                throw new ArgumentException("A program takes at most five arguments, r1 to r5.", nameof(request));
            }

            _program = program;
            _arguments = [.. arguments];

            // Frames hold 8-byte values that atomics touch: align the top as a native stack would be.
            var size = program._options.MaxCallDepth * StackFrameSize;
            _stack = GC.AllocateArray<byte>(size + 64, pinned: true);
            var start = (ulong)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_stack));
            _top = ((start + 63) & ~63UL) + (ulong)size;
            _state = new RunState(request, _top);
        }

        /// <inheritdoc />
        public override ExecutionResult Run()
        {
            _program.EnterFrame(_top, 0);
            _state.TailCallTarget = null;
            _state.TailCalls = 0;
            var result = _program.Execute(ref _state, 0, 0, _arguments);
            return _state.TailCallTarget is { } next ? RunTailCalls(ref _state, next, 0, result.InstructionCount) : result;
        }
    }
}
