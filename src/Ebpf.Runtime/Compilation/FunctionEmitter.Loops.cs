using System.Reflection.Emit;

namespace Ebpf.Runtime.Compilation;

/// <summary>Small loops emitted twice (<see cref="LoopCopies"/>).</summary>
internal sealed partial class FunctionEmitter
{
    /// <summary>While a loop copy is emitted: the labels its jumps take instead of <see cref="_labels"/>.</summary>
    private Dictionary<int, Label>? _copy;

    /// <summary>
    /// Emits the loop <c>order[first]</c> to <paramref name="last"/> twice: the first copy under the function's labels,
    /// with its jumps to the head going to the second copy's head; the second under labels of its own, with its jumps
    /// to the head going back to the first. Exits use the function's labels from either copy. Returns the position of
    /// <paramref name="last"/> in <paramref name="order"/>.
    /// </summary>
    private int EmitTwice(int[] order, int first, int last, HashSet<int> jumpTargets)
    {
        var head = order[first];
        var end = first;
        while (order[end] != last)
        {
            end++;
        }

        // The second copy's labels: its head and every jump target inside the loop.
        var second = new Dictionary<int, Label>();
        for (var k = first; k <= end; k++)
        {
            if (order[k] == head || jumpTargets.Contains(order[k]))
            {
                second[order[k]] = _il.DefineLabel();
            }
        }

        _copy = new Dictionary<int, Label> { [head] = second[head] };
        for (var k = first; k <= end; k++)
        {
            // The first copy's last instruction, when it falls through, leaves the loop past the second copy.
            EmitStep(order, k, jumpTargets, LabelAt(_labels, order[k]), leaves: k == end);
        }

        _copy = new Dictionary<int, Label>(second) { [head] = _labels[head] };
        if (_il.IsRecording)
        {
            _il.Comment($"{head} to {last}, the loop's second copy");
        }

        for (var k = first; k <= end; k++)
        {
            EmitStep(order, k, jumpTargets, LabelAt(second, order[k]), leaves: false);
        }

        _copy = null;
        return end;
    }

    private static Label? LabelAt(Dictionary<int, Label> labels, int index) => labels.TryGetValue(index, out var label) ? label : null;
}
