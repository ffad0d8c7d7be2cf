using System.Collections.Immutable;
using Ebpf.Verifier.Cfg;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;
using Ebpf.Verifier.Transfer;

namespace Ebpf.Verifier.Analysis;

/// <summary>Program loops by widening, with a counter of back edges at each head (PREVAIL's <c>--termination</c>).</summary>
internal sealed partial class FixpointIterator
{
    private readonly Dictionary<int, Variable> _counters = [];
    private ProblemSink? _trial;
    private List<(int Pc, AbstractState State, BasicBlock Block)>? _buffer;
    private ImmutableArray<Int128> _thresholds = [];

    /// <summary>Sorted values widened bounds stop at (<see cref="WideningThresholds"/>); none widens to infinity.</summary>
    public ImmutableArray<Int128> Thresholds { get => _thresholds; init => _thresholds = value; }

    /// <summary>Walk every program loop as the kernel does, without trying widening first.</summary>
    public bool UnrollLoops { get; init; }

    /// <summary>Widening attempts that proved their loop, and those that fell back to unrolling.</summary>
    public (int Proven, int Unrolled) Loops => (_widened, _fellBack);

    private int _widened;
    private int _fellBack;

    /// <summary>
    /// Iterates the loop to a fixpoint, quietly, with its counter set to 0 on the edges that enter it and incremented on
    /// the edges back to its head. When the counter is bounded at the head, every entry goes round a bounded number of
    /// times: the loop ends, and a final round with the stable state checks the body. Otherwise (or when a nested loop
    /// could not be proven) nothing is kept and false is returned, for the caller to unroll the loop.
    /// </summary>
    private bool VisitByWidening(WtoElement component)
    {
        if (UnrollLoops)
        {
            return false;
        }

        var head = component.Block;
        var members = _members[head];
        var counter = CounterOf(head);
        var unprovenBefore = _unproven;
        var spentBefore = _transformer.InstructionsProcessed;
        ClearMembers(members);

        _quiet++;
        AbstractState? current = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            var incoming = LoopHeadEntry(head, members, counter);
            if (current is not null)
            {
                if (AbstractState.LessOrEqual(incoming, current))
                {
                    break;
                }

                incoming = AbstractState.Join(current, incoming, widen: round >= WideningDelay, _thresholds);
            }

            _pre[head] = current = incoming;
            if (incoming.IsBottom)
            {
                break;
            }

            RunBody(component);
        }

        for (var round = 0; round < NarrowingRounds && current is { IsBottom: false }; round++)
        {
            _pre[head] = current = AbstractState.Narrow(current, LoopHeadEntry(head, members, counter));
            RunBody(component);
        }

        _quiet--;
        var bounded = current is null || current.IsBottom || current.Numbers.IntervalOf(counter).Upper != Interval.PlusInfinity;
        if (!bounded || _unproven != unprovenBefore || !FinalRound(component, members, counter, unprovenBefore))
        {
            _spentWidening += _transformer.InstructionsProcessed - spentBefore;
            _unproven = unprovenBefore;
            _fellBack++;
            ClearMembers(members);
            return false;
        }

        _widened++;

        // Past the loop its counter says nothing: dropping it keeps later states small.
        foreach (var member in members)
        {
            if (_post[member] is { IsBottom: false } post)
            {
                var copy = post.Clone();
                copy.Numbers.Havoc(counter);
                _post[member] = copy;
            }
        }

        return true;
    }

    /// <summary>
    /// The round that checks the body with the stable state. Its problems and recorded states are held back: when the
    /// widened state is too coarse for a check that walking the loop would pass, the loop is unrolled instead, so
    /// widening never refuses what unrolling accepts. Inside a quiet iteration of an enclosing loop nothing is checked
    /// (that loop's own final round checks this one again).
    /// </summary>
    /// <remarks>
    /// The final round also confirms that the head's state is an invariant: what the body sends back with it is
    /// already in it. Quiet rounds stop paths at failed checks, which makes them non-monotone, so narrowing (or
    /// running out of rounds) can leave a state that is not one; only an invariant whose body passes every check
    /// proves anything about the loop, its counter bound included.
    /// </remarks>
    private bool FinalRound(WtoElement component, HashSet<int> members, Variable counter, int unprovenBefore)
    {
        var invariant = _pre[component.Block]!;
        if (_quiet > 0)
        {
            RunBody(component);
            return AbstractState.LessOrEqual(LoopHeadEntry(component.Block, members, counter), invariant);
        }

        var (outerTrial, outerBuffer) = (_trial, _buffer);
        var trial = new ProblemSink();
        var buffer = Recorder is null ? null : new List<(int, AbstractState, BasicBlock)>();
        (_trial, _buffer) = (trial, buffer);
        RunBody(component);
        (_trial, _buffer) = (outerTrial, outerBuffer);
        if (trial.Found.Count > 0 || _unproven != unprovenBefore
            || !AbstractState.LessOrEqual(LoopHeadEntry(component.Block, members, counter), invariant))
        {
            return false;
        }

        foreach (var (pc, state, block) in buffer ?? [])
        {
            Record(pc, state, block);
        }

        return true;
    }

    /// <summary>Passes a state to <see cref="Recorder"/>, or holds a copy while a final round is on trial.</summary>
    private void Record(int pc, AbstractState state, BasicBlock block)
    {
        if (_buffer is not null)
        {
            _buffer.Add((pc, state.Clone(), block));
        }
        else
        {
            Recorder!(pc, state, block);
        }
    }

    /// <summary>The head's state: entering edges with the counter at 0, back edges with it one higher.</summary>
    private AbstractState LoopHeadEntry(int head, HashSet<int> members, Variable counter)
    {
        var entering = EntryOf(head, from => !members.Contains(from));
        if (!entering.IsBottom)
        {
            entering.Numbers.Assign(counter, 0);
        }

        var back = EntryOf(head, members.Contains);
        if (!back.IsBottom)
        {
            back.Numbers.Assign(counter, counter, 1);
        }

        return AbstractState.Join(entering, back);
    }

    private Variable CounterOf(int head)
    {
        if (!_counters.TryGetValue(head, out var counter))
        {
            counter = _transformer.Vars.Factory.Get($"loop@{_graph.Blocks[head].Start}.count");
            _counters[head] = counter;
        }

        return counter;
    }

    private void ClearMembers(HashSet<int> members)
    {
        foreach (var member in members)
        {
            _pre[member] = null;
            _post[member] = null;
        }
    }
}
