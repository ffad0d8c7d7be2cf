using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;

namespace Ebpf.Verifier.Cfg;

/// <summary>
/// Builds the <see cref="ControlFlowGraph"/>: static blocks per function, then one copy of a function's blocks per
/// call chain that reaches it, at most <see cref="MaxFrames"/> frames deep, recursion refused.
/// </summary>
internal sealed class ControlFlowGraphBuilder
{
    /// <summary>Linux's <c>MAX_CALL_FRAMES</c>: the program's frame and seven nested calls.</summary>
    public const int MaxFrames = 8;

    /// <summary>A bound on inlined copies, so a program that calls in a wide tree cannot exhaust memory.</summary>
    public const int MaxBlocks = 200_000;

    private readonly DecodedProgram _program;
    private readonly AbiTable _abi;
    private readonly ImmutableArray<FunctionInfo> _functions;
    private readonly Dictionary<int, List<(int Start, int Last)>> _staticBlocks = [];
    private readonly List<CallContext> _contexts = [];
    private readonly List<BasicBlock> _blocks = [];
    private readonly Dictionary<(int Context, int Start), int> _blockAt = [];
    private readonly Dictionary<int, int> _callbackTargets = [];
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly HashSet<(DiagnosticCode, int)> _reported = [];
    private readonly Dictionary<int, (BasicBlock From, EdgeKind Kind)> _callerEdges = [];
    private readonly Dictionary<int, BasicBlock> _callbackLoops = [];

    private ControlFlowGraphBuilder(DecodedProgram program, AbiTable abi, ImmutableArray<FunctionInfo> functions)
    {
        _program = program;
        _abi = abi;
        _functions = functions;
    }

    /// <summary>Builds the graph of <paramref name="program"/>, whose functions <paramref name="spans"/> names where known.</summary>
    public static ControlFlowGraph Build(DecodedProgram program, ImmutableArray<FunctionSpan> spans, AbiTable abi)
    {
        var builder = new ControlFlowGraphBuilder(program, abi, FindFunctions(program, spans));
        builder.Run();
        return new ControlFlowGraph(program, builder._functions, [.. builder._contexts], [.. builder._blocks],
            builder._callbackTargets.ToImmutableDictionary(), [.. builder._diagnostics]);
    }

    /// <summary>
    /// Functions start at slot 0, at every span the object names and at every target of a local call or code
    /// address; each runs to the next start. Programs from the assembler have no spans, so the targets decide.
    /// </summary>
    private static ImmutableArray<FunctionInfo> FindFunctions(DecodedProgram program, ImmutableArray<FunctionSpan> spans)
    {
        var names = new SortedDictionary<int, string> { [0] = spans.IsDefaultOrEmpty ? "main" : spans[0].Name };
        foreach (var span in spans.IsDefault ? [] : spans)
        {
            if (span.Start >= 0 && span.Start < program.Count)
            {
                names.TryAdd(span.Start, span.Name);
            }
        }

        for (var i = 0; i < program.Count; i++)
        {
            var form = program.FormAt(i);
            int? target = form?.Operation switch
            {
                Operation.CallLocal => program.TargetOf(i),
                Operation.LoadImm64 when program.Slots[i].Source == (Register)LoadImm64Source.CodeAddress => i + 1 + program.Slots[i].Immediate,
                _ => null,
            };
            if (target is { } t && t >= 0 && t < program.Count)
            {
                names.TryAdd(t, $"function@{t}");
            }
        }

        var starts = names.Keys.ToArray();
        return [.. starts.Select((s, k) => new FunctionInfo(names[s], s, k + 1 < starts.Length ? starts[k + 1] : program.Count))];
    }

    private void Run()
    {
        NewContext(0, [], isCallback: false, parent: -1);
        for (var c = 0; c < _contexts.Count && _blocks.Count < MaxBlocks; c++)
        {
            Instantiate(_contexts[c]);
        }

        if (_blocks.Count >= MaxBlocks)
        {
            Report(DiagnosticCode.ProgramTooComplex, 0,
                $"inlining every call chain gives more than {MaxBlocks} blocks; call fewer functions from more places");
        }
    }

    private int NewContext(int function, ImmutableArray<int> callSites, bool isCallback, int parent)
    {
        _contexts.Add(new CallContext(_contexts.Count, function, callSites, isCallback, parent));
        return _contexts.Count - 1;
    }

    private void Instantiate(CallContext context)
    {
        var function = _functions[context.Function];
        var blocks = StaticBlocks(context.Function);
        foreach (var (start, last) in blocks)
        {
            var block = new BasicBlock(_blocks.Count, BlockKind.Code, context.Id, start, last);
            _blocks.Add(block);
            _blockAt[(context.Id, start)] = block.Id;
        }

        if (_callerEdges.TryGetValue(context.Id, out var caller) && blocks.Count > 0)
        {
            AddEdge(caller.From, _blocks[_blockAt[(context.Id, blocks[0].Start)]], caller.Kind);
        }

        foreach (var (start, last) in blocks)
        {
            Wire(context, function, _blocks[_blockAt[(context.Id, start)]], last);
        }
    }

    private void Wire(CallContext context, FunctionInfo function, BasicBlock block, int last)
    {
        var form = _program.FormAt(last)!;
        var next = last + form.SlotCount;
        switch (form.Operation)
        {
            case Operation.Exit:
                WireExit(context, block);
                return;
            case Operation.Ja:
                Link(block, context.Id, _program.TargetOf(last), EdgeKind.Goto);
                return;
            case Operation.CallLocal:
                WireCall(context, block, last, _program.TargetOf(last), isCallback: false);
                return;
        }

        if (form.Kind == OperationKind.Jump)
        {
            Link(block, context.Id, _program.TargetOf(last), EdgeKind.Taken);
        }

        if (form.Operation == Operation.Call && _callbackTargets.TryGetValue(last, out var callback))
        {
            var loop = new BasicBlock(_blocks.Count, BlockKind.CallbackLoop, context.Id, last, last);
            _blocks.Add(loop);
            AddEdge(block, loop, EdgeKind.CallbackLoop);
            WireCall(context, loop, last, callback, isCallback: true);
            if (next < function.End)
            {
                Link(loop, context.Id, next, EdgeKind.CallbackDone);
            }

            return;
        }

        if (next >= function.End)
        {
            Report(DiagnosticCode.FallsOffFunction, last,
                $"execution can run past the last instruction of {function.Name} without exit");
            return;
        }

        Link(block, context.Id, next, form.Kind == OperationKind.Jump ? EdgeKind.NotTaken : EdgeKind.Goto);
    }

    private void WireExit(CallContext context, BasicBlock block)
    {
        if (context.Parent < 0)
        {
            return;
        }

        var site = context.CallSites[^1];
        if (context.IsCallback)
        {
            AddEdge(block, _callbackLoops[context.Id], EdgeKind.CallbackReturn);
        }
        else
        {
            Link(block, context.Parent, site + 1, EdgeKind.Return);
        }
    }

    private void WireCall(CallContext context, BasicBlock from, int site, int target, bool isCallback)
    {
        var callee = _functions.IndexOf(_functions.FirstOrDefault(f => f.Start == target)!);
        if (callee < 0)
        {
            Report(DiagnosticCode.FallsOffFunction, site, $"the call goes to instruction {target}, where no function starts");
            return;
        }

        for (var c = context; ; c = _contexts[c.Parent])
        {
            if (c.Function == callee)
            {
                Report(DiagnosticCode.RecursiveCall, site,
                    $"{_functions[callee].Name} calls itself through this call: recursion is not allowed");
                return;
            }

            if (c.Parent < 0)
            {
                break;
            }
        }

        if (context.Depth + 1 >= MaxFrames)
        {
            Report(DiagnosticCode.TooManyCallFrames, site,
                $"this call to {_functions[callee].Name} would be frame {context.Depth + 2}: at most {MaxFrames} frames may be live");
            return;
        }

        if (!isCallback && site + 1 >= _functions[context.Function].End)
        {
            Report(DiagnosticCode.FallsOffFunction, site, "a local call is the last instruction of its function: nothing to return to");
            return;
        }

        var child = NewContext(callee, context.CallSites.Add(site), isCallback, context.Id);
        if (isCallback)
        {
            _callbackLoops[child] = from;
        }

        // The callee's blocks are made when Run reaches its context; the edge into its entry is added then.
        _callerEdges[child] = (from, isCallback ? EdgeKind.CallbackEnter : EdgeKind.Call);
    }

    private List<(int Start, int Last)> StaticBlocks(int function)
    {
        if (_staticBlocks.TryGetValue(function, out var cached))
        {
            return cached;
        }

        var info = _functions[function];
        var leaders = new SortedSet<int> { info.Start };
        for (var i = info.Start; i < info.End; i += _program.FormAt(i)!.SlotCount)
        {
            var form = _program.FormAt(i)!;
            var next = i + form.SlotCount;
            if (form.Kind == OperationKind.Jump)
            {
                var target = _program.TargetOf(i);
                if (!info.Contains(target))
                {
                    Report(DiagnosticCode.FallsOffFunction, i, $"the jump goes to instruction {target}, outside {info.Name}");
                }
                else
                {
                    leaders.Add(target);
                }

                leaders.Add(next);
            }
            else if (form.Operation is Operation.Exit or Operation.CallLocal || IsCallbackCall(i, info))
            {
                leaders.Add(next);
            }
        }

        var starts = leaders.Where(info.Contains).ToArray();
        var blocks = new List<(int, int)>(starts.Length);
        for (var k = 0; k < starts.Length; k++)
        {
            var end = k + 1 < starts.Length ? starts[k + 1] : info.End;
            var last = starts[k];
            for (var i = starts[k]; i < end; i += _program.FormAt(i)!.SlotCount)
            {
                last = i;
            }

            blocks.Add((starts[k], last));
        }

        _staticBlocks[function] = blocks;
        return blocks;
    }

    /// <summary>
    /// True for a call to a helper that takes a callback (a <see cref="HelperArgumentKind.PointerToFunction"/>
    /// argument); records the callback's slot, found as the code address last loaded into that argument's register
    /// in the same function. Compilers load it just before the call; anything else is refused, since the graph
    /// needs the callback before the analysis runs.
    /// </summary>
    private bool IsCallbackCall(int slot, FunctionInfo function)
    {
        if (_program.FormAt(slot)?.Operation != Operation.Call
            || _abi.FindHelper(_program.Slots[slot].Immediate) is not { } helper)
        {
            return false;
        }

        var argument = helper.Arguments.IndexOf(helper.Arguments.FirstOrDefault(a => a.Kind == HelperArgumentKind.PointerToFunction)!);
        if (argument < 0)
        {
            return false;
        }

        var register = (Register)(argument + 1);
        for (var i = slot - 1; i >= function.Start; i--)
        {
            var form = _program.FormAt(i);
            if (form is null)
            {
                continue;
            }

            if (form.Kind is OperationKind.Jump or OperationKind.Call or OperationKind.Exit)
            {
                break;
            }

            if (RegisterUsage.Writes(_program.Slots[i], form) != register)
            {
                continue;
            }

            if (form.Operation == Operation.LoadImm64 && _program.Slots[i].Source == (Register)LoadImm64Source.CodeAddress)
            {
                _callbackTargets[slot] = i + 1 + _program.Slots[i].Immediate;
                return true;
            }

            break;
        }

        Report(DiagnosticCode.UnresolvedCallback, slot,
            $"{helper.Name} takes a callback in {register.ToString().ToLowerInvariant()}, which must be loaded with a function address (lddw) just before the call");
        return false;
    }

    private void Link(BasicBlock from, int context, int start, EdgeKind kind)
    {
        if (_blockAt.TryGetValue((context, start), out var to))
        {
            AddEdge(from, _blocks[to], kind);
        }
    }

    private static void AddEdge(BasicBlock from, BasicBlock to, EdgeKind kind)
    {
        from.Successors.Add(new Edge(to.Id, kind));
        to.Predecessors.Add(new Edge(from.Id, kind));
    }

    private void Report(DiagnosticCode code, int slot, string message)
    {
        if (_reported.Add((code, slot)))
        {
            _diagnostics.Add(new Diagnostic(code, message, DiagnosticLocation.AtInstruction(slot)));
        }
    }
}
