using System.Collections.Immutable;
using System.Globalization;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Transfer;

namespace Ebpf.Verifier.Analysis;

/// <summary>Prints a state as the lines of <see cref="InstructionState.Facts"/>: registers, written stack bytes, then numeric facts.</summary>
internal static class StateFacts
{
    /// <summary>The facts of <paramref name="state"/> in a stable order; <paramref name="frameTop"/> is r10 of the current frame.</summary>
    public static ImmutableArray<string> Of(AbstractState state, Transformer transformer, int frameTop)
    {
        if (state.IsBottom)
        {
            return ["unreachable"];
        }

        var facts = ImmutableArray.CreateBuilder<string>();
        for (var r = 0; r <= 10; r++)
        {
            if (state.Registers[r].IsInitialized)
            {
                facts.Add($"r{r} = {transformer.Describe(state, r)}");
            }
        }

        foreach (var (start, end) in InitializedRanges(state, frameTop))
        {
            facts.Add($"stack[{FrameOffset(start - frameTop)}..{FrameOffset(end - frameTop)}) written");
        }

        foreach (var (offset, cell) in state.Cells.OrderBy(c => c.Key))
        {
            if (cell.Type.IsPointer)
            {
                facts.Add($"stack[{FrameOffset(offset - frameTop)}] = spilled {cell.Type.Kind}");
            }
        }

        facts.AddRange(state.Numbers.Facts());
        return facts.ToImmutable();
    }

    /// <summary>An offset from the frame pointer as people write it: <c>r10-8</c>, <c>r10</c>, <c>r10+8</c>.</summary>
    private static string FrameOffset(int offset) => offset switch
    {
        0 => "r10",
        < 0 => string.Create(CultureInfo.InvariantCulture, $"r10{offset}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"r10+{offset}"),
    };

    private static IEnumerable<(int Start, int End)> InitializedRanges(AbstractState state, int frameTop)
    {
        var bottom = frameTop - AbstractState.FrameSize;
        var start = -1;
        for (var i = bottom; i <= frameTop; i++)
        {
            var written = i < frameTop && state.IsInitialized(i, 1);
            if (written && start < 0)
            {
                start = i;
            }
            else if (!written && start >= 0)
            {
                yield return (start, i);
                start = -1;
            }
        }
    }
}
