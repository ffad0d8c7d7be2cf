using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Interpretation;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// A program compiled by the JIT: eBPF turned into IL, one <c>DynamicMethod</c> per function, which RyuJIT
/// compiles to machine code. Registers are IL locals, memory accesses plain native loads and stores, helpers
/// direct calls. Runs are unchecked: only programs the verifier accepted are safe to run here.
/// </summary>
/// <remarks>
/// Results match the interpreter's (<see cref="Arithmetic"/>); frames, tail calls (at most
/// <see cref="MaxTailCalls"/>) and callbacks follow it too. Faults the interpreter reports only in checked mode
/// (bad accesses, unset registers, misaligned atomics, budgets) are not detected; those it reports in any mode
/// (unknown helpers, nesting too deep, running off the end, helper faults) are. With
/// <see cref="ExecutionOptions.Checked"/>, helpers still validate the pointers they are given. The generated
/// code is collectible: it is freed with the last reference to this object. Instances are immutable and run
/// on many threads at once; a run allocates nothing.
/// </remarks>
public sealed unsafe class JitProgram : IExecutable, ICallbackHost
{
    /// <summary>Linux's limit on chained tail calls (<c>MAX_TAIL_CALL_CNT</c>).</summary>
    public const int MaxTailCalls = Interpreter.MaxTailCalls;

    private const int FrameSize = ExecutionOptions.StackFrameSize;

    [ThreadStatic]
    private static int t_nesting;

    private readonly JitEntry _entry;
    private readonly JitEntry?[] _functions;

    private JitProgram(JitEntry?[] functions, HelperTable helpers, ExecutionOptions options, string? listing, TimeSpan compileTime)
        : this(functions, helpers, options, listing, compileTime, EngineKind.Jit, [])
    {
    }

    private JitProgram(JitEntry?[] functions, HelperTable helpers, ExecutionOptions options, string? listing, TimeSpan compileTime, EngineKind engine, ulong[] relocations)
    {
        Engine = engine;
        Relocations = relocations;
        _functions = functions;
        _entry = functions[0]!;
        Helpers = helpers;
        IsChecked = options.Checked;
        MaxCallDepth = options.MaxCallDepth;
        InstructionBudget = options.InstructionBudget ?? long.MaxValue;
        Listing = listing;
        CompileTime = compileTime;
    }

    /// <inheritdoc />
    /// <remarks><see cref="EngineKind.Native"/> when the functions are ahead-of-time generated code (<see cref="FromFunctions"/>).</remarks>
    public EngineKind Engine { get; }

    /// <summary>
    /// The 64-bit values of the program's <c>lddw</c> instructions once loaded, by slot: what ahead-of-time code reads
    /// for map references, whose addresses exist only after load. Empty for the JIT, which emits them as constants.
    /// </summary>
    internal ulong[] Relocations { get; }

    /// <summary>The generated IL as text, function by function, each part under the eBPF instruction it implements; null unless asked for at compile time.</summary>
    public string? Listing { get; }

    /// <summary>How long emitting the IL took (RyuJIT compiles each method on its first call, after this).</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>The generated method of the entry function (for tests that it is collected with the program).</summary>
    internal System.Reflection.MethodInfo EntryMethod => _entry.Method;

    /// <summary>The helpers the program calls.</summary>
    internal HelperTable Helpers { get; }

    /// <summary>Whether helpers validate their pointer arguments.</summary>
    internal bool IsChecked { get; }

    /// <summary>Most frames active at once.</summary>
    internal int MaxCallDepth { get; }

    /// <summary>Instructions each run (each tail-call target, each callback) may execute; <see cref="long.MaxValue"/> for no limit, and then compiled code does not count.</summary>
    internal long InstructionBudget { get; }

    /// <summary>The entry function.</summary>
    internal JitEntry Entry => _entry;

    /// <summary>Compiles a decoded program.</summary>
    /// <param name="program">The program; the JIT trusts it to be safe (verified).</param>
    /// <param name="helpers">The helpers it may call.</param>
    /// <param name="options">Frames, whether helpers check pointers, and the instruction budget (with one, the code counts instructions as the interpreter does).</param>
    /// <param name="recordListing">Keep the generated IL as text in <see cref="Listing"/>.</param>
    [RequiresDynamicCode("The JIT emits IL at run time; where dynamic code is not supported, load ahead-of-time generated code (NativeObject) or use the interpreter.")]
    public static JitProgram Compile(DecodedProgram program, HelperTable helpers, ExecutionOptions? options = null, bool recordListing = false)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(helpers);
        options ??= ExecutionOptions.Default;
        options.Validate();
        var start = Stopwatch.GetTimestamp();
        var compiler = new JitCompiler(program, helpers, options, recordListing);
        var functions = compiler.Compile();
        return new JitProgram(functions, helpers, options, compiler.Listing?.ToString(), Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// A program whose functions were compiled ahead of time (generated C#, <see cref="Native.NativeProgram"/>): runs,
    /// frames, tail calls and callbacks are the JIT's; only where the code came from differs.
    /// </summary>
    /// <param name="functions">The function starting at each slot, null where none starts.</param>
    /// <param name="program">The program as loaded (relocated): its <c>lddw</c> values become <see cref="Relocations"/>.</param>
    /// <param name="helpers">The helpers it may call.</param>
    /// <param name="options">Frames and whether helpers check pointers; generated code counts no instruction budget.</param>
    internal static JitProgram FromFunctions(JitEntry?[] functions, DecodedProgram program, HelperTable helpers, ExecutionOptions options)
    {
        options.Validate();
        var relocations = new ulong[program.Count];
        for (var i = 0; i < program.Count; i++)
        {
            if (program.FormAt(i) is { Operation: Operation.LoadImm64 })
            {
                relocations[i] = program.Immediate64At(i);
            }
        }

        return new JitProgram(functions, helpers, options with { InstructionBudget = null }, null, TimeSpan.Zero, EngineKind.Native, relocations);
    }

    /// <inheritdoc />
    /// <remarks>Optimized from the first call: test runs call it millions of times from one loop, before tiering would.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ExecutionResult Run(in ExecutionRequest request)
    {
        var arguments = request.Arguments.IsDefault ? [] : request.Arguments.AsSpan();
        if (arguments.Length > 5)
        {
            throw new ArgumentException("A program takes at most five arguments, r1 to r5.", nameof(request));
        }

        var size = MaxCallDepth * FrameSize;
        var stack = ThreadStack.Rent(size);
        var top = stack.Address + (ulong)stack.Length;
        var state = new JitState
        {
            StackTop = top,
            StackLimit = top - (ulong)size,
            Program = this,
            Regions = request.Regions.IsDefault ? [] : request.Regions,
            Environment = request.Environment,
            Limit = InstructionBudget,
        };
        if (request.Packet is { } packet)
        {
            (state.HasPacket, state.PacketStart, state.PacketLength) = (true, packet.Start, packet.Length);
            (state.MacHeader, state.NetworkHeader) = (request.MacHeader, request.NetworkHeader);
        }

        ulong r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0;
        switch (arguments.Length)
        {
            case 5: r5 = arguments[4]; goto case 4;
            case 4: r4 = arguments[3]; goto case 3;
            case 3: r3 = arguments[2]; goto case 2;
            case 2: r2 = arguments[1]; goto case 1;
            case 1: r1 = arguments[0]; break;
        }

        var r0 = _entry(r1, top, ref state, r2, r3, r4, r5);
        return state.Stop == JitStop.None ? new ExecutionResult(r0, null, state.Executed) : Finish(ref state, r0, top);
    }

    /// <inheritdoc />
    /// <remarks>The bound run has its own stack, helper context and run state: a run resets a few fields and calls the entry.</remarks>
    public BoundRun Bind(in ExecutionRequest request) => new JitRun(this, request);

    /// <summary>The result of a run whose entry function unwound (<see cref="JitState.Stop"/> set): a tail call from the entry, which replaces the whole program, an exit or a fault.</summary>
    internal static ExecutionResult Finish(ref JitState state, ulong r0, ulong top)
    {
        if (state.Stop == JitStop.TailCall)
        {
            r0 = RunTailCalls(ref state, top);
        }

        return state.Stop switch
        {
            JitStop.Exit => new ExecutionResult(state.Result, null, state.Executed),
            JitStop.Fault => new ExecutionResult(0, state.Fault, state.Executed),
            _ => new ExecutionResult(r0, null, state.Executed),
        };
    }

    /// <summary>
    /// Runs the tail-call target <see cref="JitState.TailCallTarget"/>, and the targets it tail-calls in turn, in the
    /// frame at <paramref name="framePointer"/>, in place of the function that made the call: the program's entry, or a
    /// sub-program, whose caller then gets the last target's r0 (as the interpreter, and Linux's JITs, do). Each
    /// target starts afresh on the context the call passed; the 33-call limit counts along the whole chain.
    /// </summary>
    /// <returns>The last target's r0; <see cref="JitState.Stop"/> is left set when one exited early or faulted.</returns>
    internal static ulong RunTailCalls(ref JitState state, ulong framePointer)
    {
        var caller = state.Program;
        var limit = state.Limit;
        ulong r0;
        do
        {
            // Each target has a budget of its own, counted on from what the run executed so far, as the interpreter counts.
            var next = state.TailCallTarget!;
            (state.Stop, state.TailCallTarget, state.Program) = (JitStop.None, null, next);
            state.Limit = next.InstructionBudget > long.MaxValue - state.Executed ? long.MaxValue : state.Executed + next.InstructionBudget;
            state.Helpers?.Host = next;
            r0 = next._entry(state.TailCallContext, framePointer, ref state, 0, 0, 0, 0);
        }
        while (state.Stop == JitStop.TailCall);

        // The sub-program's caller goes on with its own program's helpers, callbacks and budget.
        (state.Program, state.Limit) = (caller, limit);
        state.Helpers?.Host = caller;
        return r0;
    }

    /// <summary>Runs a callback (of <c>bpf_loop</c>, <c>bpf_for_each_map_elem</c>) in a frame below its caller's.</summary>
    ulong ICallbackHost.Invoke(HelperContext context, ulong function, ReadOnlySpan<ulong> arguments, MemoryRegion? lent)
    {
        var slot = function - Interpreter.FunctionAddressBase;
        if (function < Interpreter.FunctionAddressBase || slot >= (ulong)_functions.Length || _functions[slot] is not { } entry)
        {
            context.Fail($"0x{function:x} is not the address of a function of this program");
            return 0;
        }

        var window = context.Stack;
        var top = window.Start + window.Length;
        if (window.Length / FrameSize >= (ulong)MaxCallDepth)
        {
            context.Fail($"the callback would nest deeper than {MaxCallDepth} frames");
            return 0;
        }

        var state = new JitState
        {
            StackTop = top,
            StackLimit = top - (ulong)(MaxCallDepth * FrameSize),
            Program = this,
            Regions = lent is { } region ? context.Regions.Add(region) : context.Regions,
            Environment = context.Environment,
            Nesting = ++t_nesting,
            Limit = InstructionBudget,
        };
        try
        {
            ulong Argument(ReadOnlySpan<ulong> given, int i) => i < given.Length ? given[i] : 0;
            var r0 = entry(Argument(arguments, 0), window.Start, ref state, Argument(arguments, 1), Argument(arguments, 2), Argument(arguments, 3), Argument(arguments, 4));
            switch (state.Stop)
            {
                case JitStop.Exit:
                    return state.Result;
                case JitStop.Fault:
                    context.Fail($"the callback faulted at instruction {state.Fault!.InstructionIndex}: {state.Fault.Message}");
                    return 0;
                default:
                    return r0;
            }
        }
        finally
        {
            t_nesting--;
        }
    }
}
