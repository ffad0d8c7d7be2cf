using Ebpf.Core.Isa;
using Ebpf.Runtime.Compilation;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;

namespace Ebpf.Runtime.Native;

/// <summary>
/// One program's ahead-of-time code, as <c>ebpf compile</c> writes it: a static method per function (the entry, every
/// local-call target, every callback), by the slot the function starts at. Prepared against the program as loaded,
/// it runs as the JIT's code does (same frames, helper calls, tail calls and callbacks), with no code generated at run time.
/// </summary>
public sealed class NativeProgram
{
    private readonly JitEntry?[] _functions;

    /// <summary>Describes a program's generated functions.</summary>
    /// <param name="name">The program's name in its object.</param>
    /// <param name="slotCount">Its length in instruction slots, which the loaded program must have.</param>
    /// <param name="functions">The generated method of each function, by the slot it starts at; slot 0 is the entry.</param>
    /// <exception cref="ArgumentException">No function at slot 0, or one outside the program.</exception>
    public NativeProgram(string name, int slotCount, IReadOnlyDictionary<int, JitEntry> functions)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotCount);
        _functions = new JitEntry?[slotCount];
        foreach (var (slot, function) in functions)
        {
            if ((uint)slot >= (uint)slotCount)
            {
                throw new ArgumentException($"function at slot {slot} lies outside the program's {slotCount} slots", nameof(functions));
            }

            _functions[slot] = function;
        }

        if (_functions[0] is null)
        {
            throw new ArgumentException("a program needs its entry function, at slot 0", nameof(functions));
        }

        Name = name;
        SlotCount = slotCount;
    }

    /// <summary>The program's name.</summary>
    public string Name { get; }

    /// <summary>Its length in instruction slots.</summary>
    public int SlotCount { get; }

    /// <summary>
    /// The map helpers, by number, whose calls the code performs itself on a map it knows (<see cref="NativeMaps"/>): it
    /// runs as generated only with a helper table whose helpers of those numbers are the standard implementations.
    /// </summary>
    public IReadOnlyDictionary<int, NativeMapOperation> InlinedHelpers { get; init; } = new Dictionary<int, NativeMapOperation>();

    /// <summary>The maps those operations act on, by the slot of the <c>lddw</c> that loads each: what the code assumed of them.</summary>
    public IReadOnlyDictionary<int, InlinedMap> InlinedMaps { get; init; } = new Dictionary<int, InlinedMap>();

    /// <summary>Prepares the code to run as <paramref name="program"/>, the same instructions relocated against live maps.</summary>
    /// <remarks>
    /// Code that inlines map operations (<see cref="InlinedHelpers"/>) runs only where its assumptions hold: unchecked
    /// runs (checked ones have helpers validate their pointers), the standard implementations of those helpers, and
    /// maps of the types and key sizes it was generated for. Otherwise the program runs in the interpreter, with the
    /// same helpers and options, as the JIT calls the helper in those cases.
    /// </remarks>
    /// <param name="program">The program as loaded: map references resolved (their values are read from it).</param>
    /// <param name="helpers">The helpers it calls.</param>
    /// <param name="options">Frames and whether helpers check pointers (generated code counts no budget).</param>
    /// <exception cref="ArgumentException">The program's length is not the one the code was generated for.</exception>
    public IExecutable Prepare(DecodedProgram program, HelperTable helpers, ExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(helpers);
        if (program.Count != SlotCount)
        {
            throw new ArgumentException($"program '{Name}' was generated for {SlotCount} slots, not {program.Count}", nameof(program));
        }

        options ??= ExecutionOptions.Default;
        return InlinedOperationsHold(program, helpers, options)
            ? JitProgram.FromFunctions(_functions, program, helpers, options)
            : Engines.Prepare(EngineKind.Interpreter, program, helpers, options);
    }

    private bool InlinedOperationsHold(DecodedProgram program, HelperTable helpers, ExecutionOptions options)
    {
        if (InlinedHelpers.Count == 0)
        {
            return true;
        }

        if (options.Checked || InlinedHelpers.Any(h => !InlinedLookups.Implements(helpers.Find(h.Key)?.Function, h.Value)))
        {
            return false;
        }

        return InlinedMaps.All(m => (uint)m.Key < (uint)program.Count && program.FormAt(m.Key) is { Operation: Operation.LoadImm64 }
            && Maps.BpfMap.FromHandle(program.Immediate64At(m.Key)) is { } map && map.Type == m.Value.Type && map.KeySize == m.Value.KeySize);
    }
}
