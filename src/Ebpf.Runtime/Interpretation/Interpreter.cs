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
        ClearFrame(stackTop, 0);
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
            ClearFrame(state.StackTop, depth);
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

        ClearFrame(stackTop, depth);
        var regions = lent is { } region ? context.Regions.Add(region) : context.Regions;
        var state = new RunState(new ExecutionRequest([], regions) { Environment = context.Environment }, stackTop) { InCallback = true };
        var result = Execute(ref state, (int)pc, depth, arguments);
        if (result.Fault is { } fault)
        {
            context.Fail($"the callback faulted at instruction {fault.InstructionIndex}: {fault.Message}");
        }

        return result.ReturnValue;
    }

    /// <summary>Zeroes a frame as it is entered, so no run sees what an earlier one left on its stack.</summary>
    private static void ClearFrame(ulong stackTop, int depth) =>
        new Span<byte>((void*)(stackTop - (ulong)((depth + 1) * StackFrameSize)), StackFrameSize).Clear();

    /// <summary>Runs from <paramref name="entry"/> in frame <paramref name="baseDepth"/> until that frame exits.</summary>
    private ExecutionResult Execute(ref RunState state, int entry, int baseDepth, ReadOnlySpan<ulong> arguments)
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
                return Fault(DiagnosticCode.FellOffEnd, pc - 1, "execution ran past the last instruction without exit", count);
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

            var src = s.UsesRegister ? regs[s.Source] : s.Is32Bit ? (uint)s.Immediate : (ulong)(long)s.Immediate;
            switch (s.Operation)
            {
                case <= Operation.ByteSwap:
                    regs[s.Destination] = s.Is32Bit
                        ? Arithmetic.Evaluate32(s.Operation, (uint)regs[s.Destination], (uint)src, s.Width)
                        : Arithmetic.Evaluate64(s.Operation, regs[s.Destination], src, s.Width);
                    break;

                case <= Operation.Jsle:
                    pc = Arithmetic.IsTaken(s.Operation, regs[s.Destination], src, s.Is32Bit) ? s.Target : pc + 1;
                    continue;

                case Operation.Call or Operation.CallX:
                    {
                        var id = s.Operation == Operation.Call ? s.Immediate : (long)regs[s.Destination];
                        var helper = _helpers.Find(id);
                        if (helper is null)
                        {
                            return Fault(DiagnosticCode.UnknownHelper, pc, $"helper {id} is not available to this program", count);
                        }

                        var context = state.Helpers ??= new HelperContext(isChecked, state.Regions, state.Request.Environment) { Host = this };
                        context.Reset();
                        context.Stack = new MemoryRegion(state.StackTop - (ulong)((depth + 1) * StackFrameSize), (ulong)((depth + 1) * StackFrameSize), true, "stack");
                        var tailContext = regs[1];
                        regs[0] = helper.Function(context, regs[1], regs[2], regs[3], regs[4], regs[5]);
                        if (context.FailureMessage is { } failure)
                        {
                            return Fault(DiagnosticCode.HelperFault, pc, $"helper {helper.Name} ({id}) failed: {failure}", count);
                        }

                        if (context.ExitRequested)
                        {
                            return new ExecutionResult(regs[0], null, count);
                        }

                        if (context.TailCallTarget is { } target)
                        {
                            // A tail call replaces the running program, or the sub-program that made it, whose caller
                            // then gets the target's result, as Linux's JITs do. Inside a callback (which Linux refuses
                            // to load), past 33, or to another engine's program, it fails and the program goes on.
                            if (!state.InCallback && target is Interpreter next && ++state.TailCalls <= MaxTailCalls)
                            {
                                state.TailCallContext = tailContext;
                                if (depth == baseDepth)
                                {
                                    state.TailCallTarget = next;
                                    return new ExecutionResult(0, null, count);
                                }

                                var replaced = RunTailCalls(ref state, next, depth, count);
                                count = replaced.InstructionCount;
                                if (replaced.Fault is not null)
                                {
                                    return replaced;
                                }

                                regs[0] = replaced.ReturnValue;
                                depth--;
                                ref readonly var caller = ref frames[depth];
                                (regs[6], regs[7], regs[8], regs[9]) = (caller.R6, caller.R7, caller.R8, caller.R9);
                                regs[10] = state.StackTop - (ulong)(depth * StackFrameSize);
                                init = (ushort)((caller.Initialized & ~RegisterUsage.ArgumentRegisters) | ReturnBit);
                                pc = caller.ReturnAddress;
                                continue;
                            }

                            regs[0] = unchecked((ulong)-2L); // -ENOENT
                        }

                        init = (ushort)((init & ~RegisterUsage.ArgumentRegisters) | ReturnBit);
                        break;
                    }

                case Operation.CallLocal:
                    if (depth + 1 >= _options.MaxCallDepth)
                    {
                        return Fault(DiagnosticCode.CallDepthExceeded, pc, $"local calls nest deeper than {_options.MaxCallDepth} frames", count);
                    }

                    frames[depth] = new Frame(pc + 1, regs[6], regs[7], regs[8], regs[9], init);
                    depth++;
                    ClearFrame(state.StackTop, depth);
                    regs[10] = state.StackTop - (ulong)(depth * StackFrameSize);
                    init = (ushort)((init & RegisterUsage.ArgumentRegisters) | FramePointerBit);
                    pc = s.Target;
                    continue;

                case Operation.Exit:
                    if (depth == baseDepth)
                    {
                        return new ExecutionResult(regs[0], null, count);
                    }

                    depth--;
                    ref readonly var frame = ref frames[depth];
                    (regs[6], regs[7], regs[8], regs[9]) = (frame.R6, frame.R7, frame.R8, frame.R9);
                    regs[10] = state.StackTop - (ulong)(depth * StackFrameSize);
                    init = (ushort)((frame.Initialized & ~RegisterUsage.ArgumentRegisters) | ReturnBit);
                    pc = frame.ReturnAddress;
                    continue;

                case Operation.LoadImm64:
                    if (s.PseudoSource == LoadImm64Source.CodeAddress)
                    {
                        regs[s.Destination] = FunctionAddressBase + (ulong)s.Target;
                        pc += 2;
                        init |= s.Writes;
                        continue;
                    }

                    if (s.PseudoSource != LoadImm64Source.Immediate)
                    {
                        return Fault(DiagnosticCode.UnsupportedAtRuntime, pc,
                            $"lddw with pseudo source {s.PseudoSource} must be resolved by a loader before the program runs", count);
                    }

                    regs[s.Destination] = s.Immediate64;
                    pc += 2;
                    init |= s.Writes;
                    continue;

                case Operation.LoadPacketAbsolute or Operation.LoadPacketIndirect:
                    {
                        if (state.Request.Packet is null)
                        {
                            return Fault(DiagnosticCode.UnsupportedAtRuntime, pc, "legacy packet loads need a packet, and this run has none", count);
                        }

                        var offset = LegacyPacketLoad.Offset(s.Immediate, regs[s.Source], s.Operation == Operation.LoadPacketIndirect);
                        if (!LegacyPacketLoad.TryResolve(state.Request, offset, s.Width / 8, out var address))
                        {
                            // Linux ends the program with 0 when a legacy load falls outside the packet.
                            return new ExecutionResult(0, null, count);
                        }

                        regs[0] = Arithmetic.Swap(Load(address, s.Width / 8), s.Width);
                        init = (ushort)((init & ~RegisterUsage.ArgumentRegisters) | ReturnBit);
                        pc++;
                        continue;
                    }

                case Operation.CallKfunc:
                    return Fault(DiagnosticCode.UnsupportedAtRuntime, pc, $"kernel function {s.Immediate} cannot be called in user mode", count);

                default:
                    if (MemoryOperation(in s, regs, ref state, depth, isChecked) is { } fault)
                    {
                        return Fault(fault.Code, pc, fault.Message, count, fault.Address);
                    }

                    break;
            }

            init |= s.Writes;
            pc++;
        }
    }

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
