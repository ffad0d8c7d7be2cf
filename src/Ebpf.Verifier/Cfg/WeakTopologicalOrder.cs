using System.Collections.Immutable;

namespace Ebpf.Verifier.Cfg;

/// <summary>
/// Bourdoncle's weak topological order ("Efficient chaotic iteration strategies with widenings", 1993): the blocks in
/// an order where every edge goes forward except the back edges to the heads of nested components. The fixpoint
/// iterator stabilises each component before it moves on, widening only at heads.
/// </summary>
internal static class WeakTopologicalOrder
{
    /// <summary>The order of the blocks reachable from the entry of <paramref name="graph"/>.</summary>
    public static ImmutableArray<WtoElement> Build(ControlFlowGraph graph)
    {
        var state = new Builder(graph);
        var partition = new List<WtoElement>();
        state.Visit(graph.Entry.Id, partition);
        partition.Reverse();
        return [.. partition];
    }

    /// <summary>The heads of every component, outermost first.</summary>
    public static IEnumerable<int> Heads(ImmutableArray<WtoElement> order)
    {
        foreach (var element in order)
        {
            if (element.IsComponent)
            {
                yield return element.Block;
                foreach (var head in Heads(element.Body))
                {
                    yield return head;
                }
            }
        }
    }

    private sealed class Builder(ControlFlowGraph graph)
    {
        private readonly int[] _number = new int[graph.Blocks.Length];
        private readonly Stack<int> _stack = new();
        private int _count;

        // Elements are prepended in Bourdoncle's algorithm; here they are appended and each list is reversed once.
        public int Visit(int vertex, List<WtoElement> partition)
        {
            _stack.Push(vertex);
            _number[vertex] = ++_count;
            var head = _number[vertex];
            var loop = false;
            foreach (var edge in graph.Blocks[vertex].Successors)
            {
                var min = _number[edge.Target] == 0 ? Visit(edge.Target, partition) : _number[edge.Target];
                if (min <= head)
                {
                    head = min;
                    loop = true;
                }
            }

            if (head != _number[vertex])
            {
                return head;
            }

            _number[vertex] = int.MaxValue;
            var element = _stack.Pop();
            if (!loop)
            {
                partition.Add(new WtoElement(vertex, default));
                return head;
            }

            while (element != vertex)
            {
                _number[element] = 0;
                element = _stack.Pop();
            }

            partition.Add(Component(vertex));
            return head;
        }

        private WtoElement Component(int vertex)
        {
            var body = new List<WtoElement>();
            foreach (var edge in graph.Blocks[vertex].Successors)
            {
                if (_number[edge.Target] == 0)
                {
                    Visit(edge.Target, body);
                }
            }

            body.Reverse();
            return new WtoElement(vertex, [.. body]);
        }
    }
}
