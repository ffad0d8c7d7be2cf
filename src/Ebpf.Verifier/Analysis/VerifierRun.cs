using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Verifier.BtfObjects;
using Ebpf.Verifier.Cfg;
using Ebpf.Verifier.Checks;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;
using Ebpf.Verifier.Transfer;

namespace Ebpf.Verifier.Analysis;

/// <summary>
/// One verification, PREVAIL's layers in order: the graph (decode, blocks, inlined calls), the weak topological order,
/// the fixpoint, then the checks over the final facts, each failed check a diagnostic.
/// </summary>
internal sealed class VerifierRun(ProgramSpec program, DecodedProgram decoded, ImmutableArray<MapSpec> maps, VerifierOptions options)
{
    private readonly ProblemSink _problems = new();

    /// <summary>The problems found, one per code and instruction.</summary>
    public IReadOnlyList<(DiagnosticCode Code, int Instruction, string Message)> Problems => _problems.Found;

    /// <summary>The state before each reachable instruction, when the options ask for them.</summary>
    public ImmutableArray<InstructionState> States { get; private set; } = [];

    /// <summary>Blocks of the graph, every inlined copy counted.</summary>
    public int BasicBlocks { get; private set; }

    /// <summary>Block transfers the fixpoint made.</summary>
    public int Iterations { get; private set; }

    /// <summary>The table the program is checked against: the options' or, by default, its platform's.</summary>
    private Ebpf.Core.Abi.AbiTable Abi => options.Abi ?? program.Abi;

    /// <summary>Runs the analysis.</summary>
    public void Execute()
    {
        var type = Abi.FindProgramType((int)program.Type);
        if (type is null)
        {
            _problems.Report(DiagnosticCode.UnverifiableProgramType, 0,
                $"program type {program.Type} (section {program.SectionName}) has no context, helpers or return rule on {Abi.Platform}: nothing about it can be proven");
            return;
        }

        var graph = ControlFlowGraphBuilder.Build(decoded, program.Functions, Abi);
        BasicBlocks = graph.Blocks.Length;
        foreach (var problem in graph.Diagnostics)
        {
            _problems.Report(problem.Code, problem.Location.InstructionIndex ?? 0, problem.Message);
        }

        if (!graph.Diagnostics.IsEmpty)
        {
            return;
        }

        // With the kernel's types, a BTF-attached program's arguments are typed from its target, which libbpf must find.
        TracingArguments? arguments = null;
        if (options.TargetTypes is { } types)
        {
            arguments = TracingArguments.Resolve(types, type, (int?)program.ExpectedAttachType, program.AttachTarget, out var missing);
            if (missing is not null)
            {
                _problems.Report(DiagnosticCode.AttachTargetNotFound, 0, missing);
                return;
            }
        }

        var order = WeakTopologicalOrder.Build(graph);
        var (problems, states, widened) = Analyse(graph, order, type, arguments, unrollLoops: false);
        if (widened > 0 && problems.Found.Count > 0)
        {
            // A widened loop leaves its exit values coarser than walking it does (a counter stepping by 4 to 8 leaves
            // [8, 11], not 8), which a check after the loop may need. Walking every loop instead, as the kernel does,
            // accepts what it accepts: both analyses are sound, so either's acceptance is a proof.
            var (unrolled, unrolledStates, _) = Analyse(graph, order, type, arguments, unrollLoops: true);
            if (unrolled.Found.Count == 0)
            {
                (problems, states) = (unrolled, unrolledStates);
            }
        }

        foreach (var (code, instruction, message) in problems.Found)
        {
            _problems.Report(code, instruction, message);
        }

        States = states;
    }

    /// <summary>One fixpoint over the graph: its problems, the recorded states and how many loops widening proved.</summary>
    private (ProblemSink Problems, ImmutableArray<InstructionState> States, int Widened) Analyse(ControlFlowGraph graph,
        ImmutableArray<WtoElement> order, Ebpf.Core.Abi.ProgramTypeDescriptor type, TracingArguments? arguments, bool unrollLoops)
    {
        var problems = new ProblemSink();
        var variables = new Variables(new VariableFactory());
        var transformer = new Transformer(decoded, graph, maps, type, (int?)program.ExpectedAttachType, Abi, variables, options.TargetTypes, arguments);
        var recorded = options.RecordStates ? new SortedDictionary<int, (AbstractState State, int FrameTop)>() : null;
        var iterator = new FixpointIterator(graph, transformer, order, problems)
        {
            UnrollLoops = unrollLoops,
            Thresholds = WideningThresholds.Of(decoded),
            Recorder = recorded is null ? null : (pc, state, block) =>
                recorded[pc] = recorded.TryGetValue(pc, out var seen)
                    ? (AbstractState.Join(seen.State, state), seen.FrameTop)
                    : (state.Clone(), Transformer.FrameTop(graph.Contexts[block.Context].Depth)),
        };
        iterator.Run(transformer.Entry());
        Iterations += iterator.Iterations;
        StackLimitCheck.Run(graph, transformer.StackDepth, problems);
        var states = recorded is null
            ? []
            : recorded.Select(r => new InstructionState(r.Key, StateFacts.Of(r.Value.State, transformer, r.Value.FrameTop))).ToImmutableArray();
        return (problems, states, iterator.Loops.Proven);
    }
}
