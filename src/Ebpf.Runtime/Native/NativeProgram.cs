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

    /// <summary>Prepares the code to run as <paramref name="program"/>, the same instructions relocated against live maps.</summary>
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

        return JitProgram.FromFunctions(_functions, program, helpers, options ?? ExecutionOptions.Default);
    }
}
