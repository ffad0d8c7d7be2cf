using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Core.Types;
using Ebpf.Verifier.BtfObjects;
using Ebpf.Verifier.Cfg;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

/// <summary>
/// The abstract semantics of every instruction and edge: what each does to an <see cref="AbstractState"/>, and the
/// checks that it is safe. A failed check reports a diagnostic (when <see cref="Problems"/> listens) and makes the
/// state unreachable, so a path stops at its first error.
/// </summary>
internal sealed partial class Transformer
{
    private readonly DecodedProgram _program;
    private readonly ControlFlowGraph _graph;
    private readonly int _mapCount;
    private readonly Dictionary<int, int> _innerMaps = [];
    private readonly int[] _layouts;
    private int _currentContext;

    /// <summary>Creates the transfer functions of one analysis.</summary>
    public Transformer(DecodedProgram program, ControlFlowGraph graph, ImmutableArray<MapSpec> maps, ProgramTypeDescriptor type,
        int? attachType, AbiTable abi, Variables variables, ITargetTypes? targetTypes = null, TracingArguments? arguments = null)
    {
        TargetTypes = targetTypes;
        Arguments = arguments;
        _program = program;
        _graph = graph;
        _mapCount = maps.Length;

        // Lookups in maps of maps give inner maps: they get indexes after the object's own.
        var all = maps.ToBuilder();
        for (var i = 0; i < maps.Length; i++)
        {
            if (maps[i].InnerMap is { } inner)
            {
                _innerMaps[i] = all.Count;
                all.Add(inner);
            }
        }

        Maps = all.ToImmutable();
        _layouts = MapLayouts(Maps);
        Type = type;
        AttachType = attachType;
        Abi = abi;
        Vars = variables;
    }

    /// <summary>The program's maps, then the inner maps of maps of maps (for the values a lookup in them gives).</summary>
    public ImmutableArray<MapSpec> Maps { get; }

    /// <summary>The program type.</summary>
    public ProgramTypeDescriptor Type { get; }

    /// <summary>The expected attach type, in the ABI's numbering.</summary>
    public int? AttachType { get; }

    /// <summary>The ABI.</summary>
    public AbiTable Abi { get; }

    /// <summary>The numeric variables.</summary>
    public Variables Vars { get; }

    /// <summary>The kernel's types BTF-typed pointers are checked against; null when the program is verified without them.</summary>
    public ITargetTypes? TargetTypes { get; }

    /// <summary>A BTF-attached program's arguments, typed from its target; null when they are numbers.</summary>
    public TracingArguments? Arguments { get; }

    /// <summary>Where failed checks go; null while the fixpoint is computed, when only the states matter.</summary>
    public ProblemSink? Problems { get; set; }

    /// <summary>Instructions transferred so far, over every path and iteration.</summary>
    public long InstructionsProcessed { get; private set; }

    /// <summary>Per function, the deepest stack byte below its r10 that it touches (for the combined stack limit).</summary>
    public int[] StackDepth { get; private set; } = [];

    /// <summary>
    /// Per map, the first map whose values every check treats alike: same value size, same writability and, when
    /// read-only, the same contents (constant strings are read from them). A value that may lie in either can then be
    /// checked as a value of that first map, which is what lets paths that looked up different maps meet.
    /// </summary>
    private static int[] MapLayouts(ImmutableArray<MapSpec> maps)
    {
        var layouts = new int[maps.Length];
        for (var i = 0; i < maps.Length; i++)
        {
            layouts[i] = i;
            for (var j = 0; j < i; j++)
            {
                if (maps[j].ValueSize == maps[i].ValueSize && maps[j].IsReadOnlyForPrograms == maps[i].IsReadOnlyForPrograms
                    && (!maps[i].IsReadOnlyForPrograms || maps[j].InitialValue.AsSpan().SequenceEqual(maps[i].InitialValue.AsSpan())))
                {
                    layouts[i] = j;
                    break;
                }
            }
        }

        return layouts;
    }

    /// <summary>A pointer to a value of map <paramref name="map"/>, with the layout it shares with other maps.</summary>
    private AbstractType MapValue(int map, bool maybeNull = false, int nullId = -1) =>
        new(ValueKind.MapValue, Map: map, MaybeNull: maybeNull, NullId: nullId, Layout: _layouts[map]);

    /// <summary>The state at the program's entry: r1 the context, r10 the frame pointer.</summary>
    public AbstractState Entry()
    {
        StackDepth = new int[_graph.Functions.Length];
        var state = AbstractState.Top();
        state.Vars = Vars;
        for (var r = 0; r <= 10; r++)
        {
            SetUninitialized(state, r);
        }

        SetPointer(state, 1, new AbstractType(ValueKind.Context), 0);
        SetFramePointer(state, 0);
        NumberOps.AtLeast(state, Vars.PacketSize, 0);
        NumberOps.AtMost(state, Vars.PacketSize, 0xffff);
        NumberOps.AtMost(state, Vars.MetaOffset, 0);
        NumberOps.AtLeast(state, Vars.MetaOffset, -256);
        return state;
    }

    /// <summary>Applies the instructions of <paramref name="block"/> to <paramref name="state"/>, stopping if it becomes unreachable.</summary>
    public void ExecuteBlock(AbstractState state, BasicBlock block, Action<int, AbstractState>? beforeEach = null)
    {
        if (block.Kind != BlockKind.Code)
        {
            return;
        }

        var depth = _graph.Contexts[block.Context].Depth;
        _currentContext = block.Context;
        for (var pc = block.Start; pc <= block.Last && !state.IsBottom; pc += _program.FormAt(pc)!.SlotCount)
        {
            InstructionsProcessed++;
            beforeEach?.Invoke(pc, state);
            Execute(state, pc, block.Context, depth);
        }
    }

    private void Execute(AbstractState state, int pc, int context, int depth)
    {
        var slot = _program.Slots[pc];
        var form = _program.FormAt(pc)!;
        // A sub-program's exit hands r0 to its caller as it is, written or not (the kernel's prepare_func_exit): a void
        // function leaves it unwritten, and only a caller that reads it is wrong. Callbacks and the program return a value.
        var returnsToCaller = form.Kind == OperationKind.Exit && depth > 0 && !_graph.Contexts[context].IsCallback;
        if (!CheckReads(state, pc, slot, form, returnsToCaller))
        {
            return;
        }

        switch (form.Kind)
        {
            case OperationKind.Arithmetic:
                Arithmetic(state, pc, slot, form);
                break;
            case OperationKind.Load when form.Operation == Operation.LoadImm64:
                LoadImm64(state, pc, slot);
                break;
            case OperationKind.Load when form.Operation is Operation.LoadPacketAbsolute or Operation.LoadPacketIndirect:
                LegacyPacketLoad(state, pc, slot, form);
                break;
            case OperationKind.Load:
                Load(state, pc, slot, form, depth);
                break;
            case OperationKind.Store:
                Store(state, pc, slot, form, depth);
                break;
            case OperationKind.Atomic:
                Atomic(state, pc, slot, form, depth);
                break;
            case OperationKind.Call when form.Operation == Operation.Call:
                HelperCall(state, pc, slot.Immediate, depth);
                break;
            case OperationKind.Call when form.Operation == Operation.CallLocal:
                break;
            case OperationKind.Call:
                Fail(state, pc, DiagnosticCode.UnverifiableInstruction,
                    form.Operation == Operation.CallKfunc ? "calls to kernel functions (kfuncs) cannot be verified here" : "callx (a call through a register) cannot be verified");
                break;
            case OperationKind.Exit:
                Exit(state, pc, context);
                break;
            case OperationKind.Jump:
                CheckJump(state, pc, slot, form);
                break;
        }
    }

    /// <summary>Every register the instruction reads must be initialized (helper arguments are checked by the helper's prototype).</summary>
    private bool CheckReads(AbstractState state, int pc, in Instruction slot, OpCodeInfo form, bool returnsToCaller)
    {
        var reads = RegisterUsage.Reads(slot, form) & (returnsToCaller ? ~1 : ~0);
        for (var r = 0; r <= 10; r++)
        {
            if ((reads & (1 << r)) != 0 && !state.Registers[r].IsInitialized)
            {
                var what = r == 0 && form.Kind == OperationKind.Exit ? "r0 (the return value)" : $"r{r}";
                return Fail(state, pc, DiagnosticCode.UninitializedRegisterRead, $"{what} is read before it is written on some path");
            }
        }

        return true;
    }

    /// <summary>Reports a failed check and stops the path.</summary>
    private bool Fail(AbstractState state, int pc, DiagnosticCode code, string message)
    {
        Problems?.Report(code, pc, message);
        state.SetBottom();
        return false;
    }

    private static string Name(int register) => register == 10 ? "r10" : $"r{register}";
}
