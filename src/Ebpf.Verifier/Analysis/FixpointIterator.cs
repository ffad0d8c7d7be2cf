using System.Collections.Immutable;
using Ebpf.Verifier.Cfg;
using Ebpf.Verifier.Checks;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Transfer;

namespace Ebpf.Verifier.Analysis;

/// <summary>
/// Computes the state at the entry of every block over the weak topological order (Bourdoncle's recursive strategy),
/// checking each instruction as it goes. A program loop is first iterated to a fixpoint with a counter of its back
/// edges (joining at the head, widening with thresholds after <see cref="WideningDelay"/> rounds, then narrowing): when
/// the counter is bounded at the head, the loop ends, and a final round checks its body. A loop whose counter is not
/// bounded is unrolled instead, as the kernel walks it: each iteration starts from what the previous one sends back to
/// the head, until no path continues, which proves the loop ends, or until <see cref="InstructionBudget"/> instructions
/// were unrolled (Linux's <c>BPF_COMPLEXITY_LIMIT_INSNS</c>), which rejects it. The loops callback helpers run
/// (bounded by the helper) are iterated to a fixpoint without a counter.
/// </summary>
internal sealed partial class FixpointIterator
{
    /// <summary>Instructions processed, over all paths and iterations, before a loop is declared unbounded.</summary>
    public const int InstructionBudget = 1_000_000;

    /// <summary>Rounds a callback loop joins before it widens.</summary>
    public const int WideningDelay = 3;

    /// <summary>Narrowing rounds after a widened loop is stable.</summary>
    public const int NarrowingRounds = 2;

    /// <summary>Rounds beyond which a widened loop is abandoned (widening that does not converge is a bug).</summary>
    public const int MaxRounds = 200;

    private readonly ControlFlowGraph _graph;
    private readonly Transformer _transformer;
    private readonly ImmutableArray<WtoElement> _order;
    private readonly ProblemSink _problems;
    private readonly AbstractState?[] _pre;
    private readonly AbstractState?[] _post;
    private readonly Dictionary<int, HashSet<int>> _members = [];
    private AbstractState _entry = AbstractState.Bottom();
    private int _quiet;
    private long _spentWidening;
    private int _unproven;

    /// <summary>Prepares the iteration.</summary>
    public FixpointIterator(ControlFlowGraph graph, Transformer transformer, ImmutableArray<WtoElement> order, ProblemSink problems)
    {
        _graph = graph;
        _transformer = transformer;
        _order = order;
        _problems = problems;
        _pre = new AbstractState?[graph.Blocks.Length];
        _post = new AbstractState?[graph.Blocks.Length];
        CollectMembers(order);
    }

    /// <summary>Block transfers made so far.</summary>
    public int Iterations { get; private set; }

    /// <summary>Called with the state before each instruction of a final round, when set.</summary>
    public Action<int, AbstractState, BasicBlock>? Recorder { get; init; }


    /// <summary>Runs the analysis from <paramref name="entry"/>, the state at the program's first instruction.</summary>
    public void Run(AbstractState entry)
    {
        _entry = entry;
        foreach (var element in _order)
        {
            Visit(element);
        }
    }

    private void Visit(WtoElement element)
    {
        if (!element.IsComponent)
        {
            _pre[element.Block] = EntryOf(element.Block, _ => true);
            Execute(element.Block);
        }
        else if (_graph.Blocks[element.Block].Kind == BlockKind.CallbackLoop)
        {
            VisitByJoining(element);
        }
        else if (!VisitByWidening(element))
        {
            VisitByUnrolling(element);
        }
    }

    private void VisitByUnrolling(WtoElement component)
    {
        var head = component.Block;
        var members = _members[head];

        // Only the blocks that leave the loop need their iterations joined: the checks ran on each iteration already.
        var exits = members.Where(m => _graph.Blocks[m].Successors.Any(e => !members.Contains(e.Target))).ToArray();
        var joinedPost = new Dictionary<int, AbstractState>();
        var next = EntryOf(head, from => !members.Contains(from));
        AbstractState? previous = null;
        while (!next.IsBottom)
        {
            // Instructions spent on widening attempts that failed are not the kernel's to count.
            var overBudget = _transformer.InstructionsProcessed - _spentWidening > InstructionBudget;
            if (overBudget || (previous is not null && AbstractState.LessOrEqual(previous, next) && AbstractState.LessOrEqual(next, previous)))
            {
                _unproven++;
                if (_quiet == 0)
                {
                    TerminationCheck.Report(_trial ?? _problems, _graph.Blocks[head].Start, budgetExceeded: overBudget);
                }

                break;
            }

            foreach (var member in members)
            {
                _pre[member] = null;
                _post[member] = null;
            }

            _pre[head] = next;
            RunBody(component);
            foreach (var member in exits)
            {
                Accumulate(joinedPost, member, _post[member]);
            }

            previous = next;
            next = EntryOf(head, members.Contains);
        }

        foreach (var member in members)
        {
            _pre[member] = null;
            _post[member] = joinedPost.GetValueOrDefault(member);
        }
    }

    private static void Accumulate(Dictionary<int, AbstractState> into, int block, AbstractState? state)
    {
        if (state is null || state.IsBottom)
        {
            return;
        }

        into[block] = into.TryGetValue(block, out var seen) ? AbstractState.Join(seen, state) : state;
    }

    private void VisitByJoining(WtoElement component)
    {
        var head = component.Block;
        _quiet++;
        for (var round = 0; round < MaxRounds; round++)
        {
            var incoming = EntryOf(head, _ => true);
            if (round > 0)
            {
                var previous = _pre[head]!;
                if (AbstractState.LessOrEqual(incoming, previous))
                {
                    break;
                }

                incoming = AbstractState.Join(previous, incoming, widen: round >= WideningDelay);
            }

            _pre[head] = incoming;
            RunBody(component);
        }

        for (var round = 0; round < NarrowingRounds; round++)
        {
            _pre[head] = AbstractState.Narrow(_pre[head]!, EntryOf(head, _ => true));
            RunBody(component);
        }

        // The final round, with the stable facts, is the one that checks and records.
        _quiet--;
        RunBody(component);
    }

    private void RunBody(WtoElement component)
    {
        Execute(component.Block);
        foreach (var child in component.Body)
        {
            Visit(child);
        }
    }

    private void Execute(int block)
    {
        Iterations++;
        var state = _pre[block]!.Clone();
        var quiet = _quiet > 0;
        _transformer.Problems = quiet ? null : _trial ?? _problems;
        var basicBlock = _graph.Blocks[block];
        _transformer.ExecuteBlock(state, basicBlock, quiet || Recorder is null ? null : (pc, s) => Record(pc, s, basicBlock));
        _post[block] = state;
    }

    /// <summary>The join of what the incoming edges from blocks <paramref name="from"/> accepts bring.</summary>
    private AbstractState EntryOf(int block, Func<int, bool> from)
    {
        AbstractState? result = block == 0 && from(-1) ? _entry.Clone() : null;
        foreach (var edge in _graph.Blocks[block].Predecessors)
        {
            if (!from(edge.Target) || _post[edge.Target] is not { IsBottom: false } post)
            {
                continue;
            }

            var state = post.Clone();
            _transformer.ApplyEdge(state, _graph.Blocks[edge.Target], new Edge(block, edge.Kind));
            if (!state.IsBottom)
            {
                result = result is null ? state : AbstractState.Join(result, state);
            }
        }

        return result ?? AbstractState.Bottom();
    }

    private void CollectMembers(ImmutableArray<WtoElement> order)
    {
        foreach (var element in order)
        {
            if (element.IsComponent)
            {
                var members = new HashSet<int> { element.Block };
                AddAll(element.Body, members);
                _members[element.Block] = members;
                CollectMembers(element.Body);
            }
        }
    }

    private static void AddAll(ImmutableArray<WtoElement> body, HashSet<int> into)
    {
        foreach (var element in body)
        {
            into.Add(element.Block);
            if (element.IsComponent)
            {
                AddAll(element.Body, into);
            }
        }
    }
}
