using Ebpf.Core.Isa;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// Finds the small innermost loops of a function that the JIT emits twice in a row (unrolled by two): the first copy's
/// back edges enter the second copy, the second's enter the first, and every exit of either leaves as the original
/// does. The copies are the same instructions, so the program computes exactly what it did; what changes is the
/// machine code around the back edge.
/// </summary>
/// <remarks>
/// Why: a tight loop such as <c>xdp_checksum</c>'s (15 eBPF instructions, 13 x64 ones after RyuJIT) runs at the
/// front end's limit, so its speed depends on where RyuJIT's 32-byte loop alignment puts it in a 64-byte line: the
/// same instructions cost 140 or 165 ns on the 512-byte packet by address alone (docs/performance.md). Two copies take
/// one taken branch and half the fetch windows per trip, and no longer depend on the alignment. Clang unrolls its own
/// loops for the same reason, but an eBPF loop bounded by the packet is left rolled (the bound is not a constant).
/// Only small loops without calls are copied: a call costs more than the loop's branch, and the copy doubles code.
/// </remarks>
internal static class LoopCopies
{
    /// <summary>The largest loop copied, in instruction slots.</summary>
    public const int MaxSlots = 32;

    /// <summary>
    /// The loops of <paramref name="order"/> (a function's reachable instructions in slot order) to emit twice: the
    /// head's instruction index, mapped to the index of the loop's last instruction (its last back edge).
    /// </summary>
    /// <remarks>
    /// A loop here is a contiguous run of instructions [head, last] that is entered only at its head (no jump from
    /// outside lands inside it), whose backward jumps all go to the head (innermost: no loop nested in it), and that
    /// holds no call. Jumps out of it, forward or backward, are exits and stay as they are.
    /// </remarks>
    public static Dictionary<int, int> Find(DecodedProgram program, int[] order)
    {
        var position = new Dictionary<int, int>(order.Length);
        for (var k = 0; k < order.Length; k++)
        {
            position[order[k]] = k;
        }

        // The last back edge to each head: the loop spans head to it.
        var loops = new Dictionary<int, int>();
        foreach (var index in order)
        {
            if (program.FormAt(index)!.Kind == OperationKind.Jump && program.TargetOf(index) is var target && target <= index)
            {
                loops[target] = Math.Max(loops.GetValueOrDefault(target, index), index);
            }
        }

        var copied = new Dictionary<int, int>();
        foreach (var (head, last) in loops)
        {
            if (IsCopyable(program, order, position, head, last))
            {
                copied[head] = last;
            }
        }

        // Loops that overlap a copied one cannot be copied too (a copy is emitted as one piece): keep the first.
        var kept = new Dictionary<int, int>();
        var end = -1;
        foreach (var (head, last) in copied.OrderBy(l => l.Key))
        {
            if (head > end)
            {
                kept[head] = last;
                end = last;
            }
        }

        return kept;
    }

    private static bool IsCopyable(DecodedProgram program, int[] order, Dictionary<int, int> position, int head, int last)
    {
        if (!position.TryGetValue(head, out var first) || last - head >= MaxSlots)
        {
            return false;
        }

        // Contiguous: no unreachable gap inside, so the loop is exactly order[first..] up to last.
        var k = first;
        for (var index = head; index <= last; index += program.FormAt(index)!.SlotCount, k++)
        {
            if (k >= order.Length || order[k] != index)
            {
                return false;
            }

            var form = program.FormAt(index)!;
            if (form.Kind == OperationKind.Call)
            {
                return false;
            }

            // A backward jump to inside the loop, other than to its head, is a nested loop (to before it, an exit).
            if (form.Kind == OperationKind.Jump && program.TargetOf(index) is var target && target > head && target < index)
            {
                return false;
            }
        }

        // Entered only at its head.
        foreach (var index in order)
        {
            if ((index < head || index > last)
                && program.FormAt(index)!.Kind == OperationKind.Jump
                && program.TargetOf(index) is var target && target > head && target <= last)
            {
                return false;
            }
        }

        return true;
    }
}
