using System.Collections.Immutable;
using Ebpf.Core.Isa;

namespace Ebpf.Verifier.Analysis;

/// <summary>
/// The values a widened bound stops at before infinity: the constants the program compares with (and one past them,
/// where a strict comparison leaves the bound), and the edges of the 32- and 64-bit views. A loop counting to 10 then
/// widens to [0, 10] at once instead of [0, inf], so a 32-bit comparison still refines it and its counter stays bounded.
/// </summary>
internal static class WideningThresholds
{
    private static readonly Int128[] ViewEdges =
    [
        0, int.MaxValue, (Int128)int.MaxValue + 1, uint.MaxValue, (Int128)uint.MaxValue + 1, long.MaxValue, ulong.MaxValue,
        int.MinValue, long.MinValue, ushort.MaxValue,
    ];

    /// <summary>The sorted thresholds of <paramref name="program"/>.</summary>
    public static ImmutableArray<Int128> Of(DecodedProgram program)
    {
        var values = new SortedSet<Int128>(ViewEdges);
        for (var pc = 0; pc < program.Count; pc++)
        {
            if (program.FormAt(pc) is { Kind: OperationKind.Jump, Source: OperandSource.Immediate } form && form.Operation != Operation.Ja)
            {
                var imm = (Int128)program.Slots[pc].Immediate;
                values.Add(imm - 1);
                values.Add(imm);
                values.Add(imm + 1);
                values.Add((Int128)(uint)program.Slots[pc].Immediate);
            }
        }

        return [.. values];
    }
}
