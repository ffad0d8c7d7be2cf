using System.Numerics;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Interpretation;

/// <summary>
/// The reference interpreter: the specification of eBPF semantics that every other engine is compared with.
/// </summary>
/// <remarks>
/// Programs run on native memory with real addresses. In checked mode every load, store and atomic is
/// validated against the current stack window and the regions of the request, and every register read
/// against what was written, so that unverified programs stop with a fault instead of touching memory.
/// Instances are immutable and may run on many threads at once.
/// </remarks>
public sealed unsafe partial class Interpreter : IExecutable, ICallbackHost
{
    private const int StackFrameSize = ExecutionOptions.StackFrameSize;
    private const ushort FramePointerBit = 1 << 10;
    private const ushort ReturnBit = 1;

    /// <summary>Linux's limit on chained tail calls (<c>MAX_TAIL_CALL_CNT</c>).</summary>
    public const int MaxTailCalls = 33;

    /// <summary>
    /// Where function addresses (<c>lddw</c> code-address references, callbacks) point: a non-canonical
    /// address plus the function's slot, which no load or store can reach and helpers hand back to the engine.
    /// </summary>
    public const ulong FunctionAddressBase = 0xffff_c0de_0000_0000;

    private readonly Step[] _steps;
    private readonly HelperTable _helpers;
    private readonly ExecutionOptions _options;

    /// <summary>The micro-code of unchecked runs without a budget; null when the run must be checked or counted against a budget.</summary>
    private readonly MicroProgram? _micro;

    /// <summary>Prepares a decoded program to run with the given helpers.</summary>
    public Interpreter(DecodedProgram program, HelperTable helpers, ExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(helpers);
        _options = options ?? ExecutionOptions.Default;
        _options.Validate();
        _helpers = helpers;
        _steps = new Step[program.Count];
        for (var i = 0; i < program.Count; i++)
        {
            _steps[i] = new Step(program, i);
        }

        // Unchecked runs (verified programs) take the specialised loop; checks and budgets stay on the reference loop.
        _micro = _options.Checked || _options.InstructionBudget is not null ? null : new MicroProgram(program, _steps, helpers);
    }

    /// <inheritdoc />
    public EngineKind Engine => EngineKind.Interpreter;

    /// <inheritdoc />
    public ExecutionResult Run(in ExecutionRequest request)
    {
        if (!request.Arguments.IsDefault && request.Arguments.Length > 5)
        {
            throw new ArgumentException("A program takes at most five arguments, r1 to r5.", nameof(request));
        }

        var stack = ThreadStack.Rent(_options.MaxCallDepth * StackFrameSize);
        var stackTop = stack.Address + (ulong)stack.Length;
        EnterFrame(stackTop, 0);
        var state = new RunState(request, stackTop);
        var arguments = request.Arguments.IsDefault ? [] : request.Arguments;
        var result = Execute(ref state, 0, 0, arguments.AsSpan());
        return state.TailCallTarget is { } next ? RunTailCalls(ref state, next, 0, result.InstructionCount) : result;
    }

    /// <summary>
    /// Runs tail-call targets in frame <paramref name="depth"/> until one returns without a tail call: each target
    /// starts afresh on the context the call passed, replacing the program (or sub-program) that called it.
    /// </summary>
    private static ExecutionResult RunTailCalls(ref RunState state, Interpreter next, int depth, long count)
    {
        while (true)
        {
            state.TailCallTarget = null;
            next.EnterFrame(state.StackTop, depth);
            var result = next.Execute(ref state, 0, depth, [state.TailCallContext]);
            count += result.InstructionCount;
            if (state.TailCallTarget is not { } following || result.Fault is not null)
            {
                return result with { InstructionCount = count };
            }

            next = following;
        }
    }

    /// <summary>Runs a callback (of <c>bpf_loop</c>, <c>bpf_for_each_map_elem</c>) in a frame below its caller's.</summary>
    ulong ICallbackHost.Invoke(HelperContext context, ulong function, ReadOnlySpan<ulong> arguments, MemoryRegion? lent)
    {
        var pc = (long)(function - FunctionAddressBase);
        if (function < FunctionAddressBase || pc >= _steps.Length)
        {
            context.Fail($"0x{function:x} is not the address of a function of this program");
            return 0;
        }

        var stackTop = context.Stack.Start + context.Stack.Length;
        var depth = (int)(context.Stack.Length / StackFrameSize);
        if (depth >= _options.MaxCallDepth)
        {
            context.Fail($"the callback would nest deeper than {_options.MaxCallDepth} frames");
            return 0;
        }

        EnterFrame(stackTop, depth);
        var regions = lent is { } region ? context.Regions.Add(region) : context.Regions;
        var state = new RunState(new ExecutionRequest([], regions) { Environment = context.Environment }, stackTop) { InCallback = true };
        var result = Execute(ref state, (int)pc, depth, arguments);
        if (result.Fault is { } fault)
        {
            context.Fail($"the callback faulted at instruction {fault.InstructionIndex}: {fault.Message}");
        }

        return result.ReturnValue;
    }

    /// <summary>
    /// Zeroes a frame as it is entered, so no run sees what an earlier one left on its stack; unless the program was
    /// verified (<see cref="ExecutionOptions.Verified"/>): the verifier refuses any read of a stack byte not written
    /// first, so zeroing could not be seen, and the JIT and the kernel skip it too.
    /// </summary>
    private void EnterFrame(ulong stackTop, int depth)
    {
        if (!_options.Verified)
        {
            new Span<byte>((void*)(stackTop - (ulong)((depth + 1) * StackFrameSize)), StackFrameSize).Clear();
        }
    }

    /// <summary>Runs from <paramref name="entry"/> in frame <paramref name="baseDepth"/> until that frame exits.</summary>
    private ExecutionResult Execute(ref RunState state, int entry, int baseDepth, ReadOnlySpan<ulong> arguments) =>
        _micro is { } micro ? ExecuteMicro(micro, ref state, entry, baseDepth, arguments) : ExecuteSteps(ref state, entry, baseDepth, arguments);

    /// <summary>
    /// The reference loop, one <see cref="Step"/> at a time: checked runs and runs with a budget. Every instruction
    /// counts, checks the budget and, when checked, the registers it reads.
    /// </summary>
    private ExecutionResult ExecuteSteps(ref RunState state, int entry, int baseDepth, ReadOnlySpan<ulong> arguments)
    {
        var steps = _steps;
        var isChecked = _options.Checked;
        var budget = _options.InstructionBudget ?? long.MaxValue;
        var regs = stackalloc ulong[11];
        var frames = stackalloc Frame[_options.MaxCallDepth];
        ushort init = FramePointerBit;
        for (var i = 0; i < arguments.Length; i++)
        {
            regs[i + 1] = arguments[i];
            init |= RegisterUsage.Bit((Register)(i + 1));
        }

        var depth = baseDepth;
        regs[10] = state.StackTop - (ulong)(depth * StackFrameSize);
        var pc = entry;
        long count = 0;
        while (true)
        {
            if ((uint)pc >= (uint)steps.Length)
            {
                return FellOffEnd(pc, count);
            }

            if (++count > budget)
            {
                return Fault(DiagnosticCode.InstructionBudgetExceeded, pc, $"the run exceeded its budget of {budget} instructions", count);
            }

            ref readonly var s = ref steps[pc];
            if (isChecked && (s.Reads & ~init) != 0)
            {
                var register = BitOperations.TrailingZeroCount(s.Reads & ~init);
                return Fault(DiagnosticCode.UninitializedRegister, pc, $"r{register} is read before it is written", count);
            }

            var src = Operand(in s, regs);
            switch (s.Operation)
            {
                case <= Operation.ByteSwap:
                    regs[s.Destination] = Evaluate(in s, regs[s.Destination], src);
                    break;

                case <= Operation.Jsle:
                    pc = Arithmetic.IsTaken(s.Operation, regs[s.Destination], src, s.Is32Bit) ? s.Target : pc + 1;
                    continue;

                case Operation.Call or Operation.CallX or Operation.CallKfunc or Operation.LoadPacketAbsolute or Operation.LoadPacketIndirect:
                    switch (Rare(in s, regs, ref state, depth, baseDepth, pc, count, out var end))
                    {
                        case Continuation.End:
                            return end;
                        case Continuation.TailCallInFrame:
                            if (ReplaceFrame(ref state, regs, frames, ref depth, ref count) is { } fault)
                            {
                                return fault;
                            }

                            init = (ushort)((frames[depth].Initialized & ~RegisterUsage.ArgumentRegisters) | ReturnBit);
                            pc = frames[depth].ReturnAddress;
                            continue;
                    }

                    init = (ushort)((init & ~RegisterUsage.ArgumentRegisters) | ReturnBit);
                    pc++;
                    continue;

                case Operation.CallLocal:
                    if (depth + 1 >= _options.MaxCallDepth)
                    {
                        return CallTooDeep(pc, count);
                    }

                    frames[depth] = new Frame(pc + 1, regs[6], regs[7], regs[8], regs[9], init);
                    depth++;
                    EnterFrame(state.StackTop, depth);
                    regs[10] = state.StackTop - (ulong)(depth * StackFrameSize);
                    init = (ushort)((init & RegisterUsage.ArgumentRegisters) | FramePointerBit);
                    pc = s.Target;
                    continue;

                case Operation.Exit:
                    if (depth == baseDepth)
                    {
                        return new ExecutionResult(regs[0], null, count);
                    }

                    var frame = Return(regs, frames, --depth, state.StackTop);
                    init = (ushort)((frame.Initialized & ~RegisterUsage.ArgumentRegisters) | ReturnBit);
                    pc = frame.ReturnAddress;
                    continue;

                case Operation.LoadImm64:
                    if (s.PseudoSource is not (LoadImm64Source.Immediate or LoadImm64Source.CodeAddress))
                    {
                        return Unresolved(in s, pc, count);
                    }

                    regs[s.Destination] = s.PseudoSource == LoadImm64Source.CodeAddress ? FunctionAddressBase + (ulong)s.Target : s.Immediate64;
                    pc += 2;
                    init |= s.Writes;
                    continue;

                default:
                    if (MemoryOperation(in s, regs, ref state, depth, isChecked) is { } denied)
                    {
                        return Fault(denied.Code, pc, denied.Message, count, denied.Address);
                    }

                    break;
            }

            init |= s.Writes;
            pc++;
        }
    }

    /// <summary>The source operand of an arithmetic or jump step: a register, or the immediate sign-extended (zero-extended when 32-bit).</summary>
    private static ulong Operand(in Step s, ulong* regs) =>
        s.UsesRegister ? regs[s.Source] : s.Is32Bit ? (uint)s.Immediate : (ulong)(long)s.Immediate;

    /// <summary>The new value of an arithmetic step's destination.</summary>
    private static ulong Evaluate(in Step s, ulong dst, ulong src) => s.Is32Bit
        ? Arithmetic.Evaluate32(s.Operation, (uint)dst, (uint)src, s.Width)
        : Arithmetic.Evaluate64(s.Operation, dst, src, s.Width);

    private static ExecutionResult Fault(DiagnosticCode code, int index, string message, long count, ulong? address = null) =>
        new(0, new ExecutionFault(code, index, message, address), count);

    private readonly record struct Frame(int ReturnAddress, ulong R6, ulong R7, ulong R8, ulong R9, ushort Initialized);

    /// <summary>What one run works with; the helper context is made on the first helper call.</summary>
    private struct RunState(ExecutionRequest request, ulong stackTop)
    {
        public ExecutionRequest Request { get; } = request;

        public ulong StackTop { get; } = stackTop;

        public System.Collections.Immutable.ImmutableArray<MemoryRegion> Regions { get; } = request.Regions.IsDefault ? [] : request.Regions;

        public HelperContext? Helpers { get; set; }

        public Interpreter? TailCallTarget { get; set; }

        public ulong TailCallContext { get; set; }

        public int TailCalls { get; set; }

        /// <summary>True for the run of a callback (<c>bpf_loop</c>, <c>bpf_for_each_map_elem</c>), where tail calls fail.</summary>
        public bool InCallback { get; init; }
    }
}
