using System.Buffers.Binary;
using System.Collections.Immutable;

namespace Ebpf.Runtime.Programs;

/// <summary>
/// The <c>struct __sk_buff</c> a test run may start from, as Linux's <c>convert___skb_to_skb</c> accepts it: only
/// <c>mark</c>, <c>priority</c>, <c>ingress_ifindex</c>, <c>ifindex</c>, <c>cb</c>, <c>tstamp</c>, <c>wire_len</c>,
/// <c>gso_segs</c>, <c>gso_size</c> and <c>hwtstamp</c> may be non-zero.
/// </summary>
public sealed record SkbContextIn(
    bool HasContext, uint Mark, uint Priority, uint IngressIfindex, uint Ifindex, ImmutableArray<byte> Cb,
    ulong Tstamp, uint WireLen, uint GsoSegs, uint GsoSize, ulong Hwtstamp)
{
    /// <summary>The context of a run given none: every field zero.</summary>
    public static SkbContextIn None { get; } = new(false, 0, 0, 0, 0, [.. new byte[20]], 0, 0, 0, 0, 0);

    /// <summary>The fields (offset, size) a test run accepts in.</summary>
    internal static ImmutableArray<(int Offset, int Size)> Accepted { get; } =
        [(8, 4), (32, 4), (36, 4), (40, 4), (48, 20), (152, 8), (160, 4), (164, 4), (176, 4), (184, 8)];

    /// <summary>The fields (offset, size) a test run copies back (<c>convert_skb_to___skb</c>): the accepted ones but <c>gso_size</c>.</summary>
    internal static ImmutableArray<(int Offset, int Size)> CopiedBack { get; } = [.. Accepted.Where(f => f.Offset != 176)];

    /// <summary>Reads a context; null, with the reason, when Linux's test run refuses it (<c>-EINVAL</c>, <c>-E2BIG</c>).</summary>
    public static SkbContextIn? Parse(ReadOnlySpan<byte> context, out string? error)
    {
        if (context.IsEmpty)
        {
            error = null;
            return None;
        }

        if (context.Length > SkbFrame.ContextSize && context[SkbFrame.ContextSize..].ContainsAnyExcept((byte)0))
        {
            error = $"the context is {context.Length} bytes and those past the {SkbFrame.ContextSize} of struct __sk_buff are not all zero";
            return null;
        }

        Span<byte> whole = stackalloc byte[SkbFrame.ContextSize];
        whole.Clear();
        context[..Math.Min(context.Length, SkbFrame.ContextSize)].CopyTo(whole);
        var open = new bool[SkbFrame.ContextSize];
        foreach (var (offset, size) in Accepted)
        {
            open.AsSpan(offset, size).Fill(true);
        }

        for (var i = 0; i < whole.Length; i++)
        {
            if (whole[i] != 0 && !open[i])
            {
                error = $"struct __sk_buff byte {i} is not zero, and a test run accepts only mark, priority, ingress_ifindex, ifindex, cb, tstamp, wire_len, gso_segs, gso_size and hwtstamp";
                return null;
            }
        }

        var parsed = new SkbContextIn(
            true, U32(whole, 8), U32(whole, 32), U32(whole, 36), U32(whole, 40), [.. whole.Slice(48, 20)],
            BinaryPrimitives.ReadUInt64LittleEndian(whole[152..]), U32(whole, 160), U32(whole, 164), U32(whole, 176),
            BinaryPrimitives.ReadUInt64LittleEndian(whole[184..]));
        if (parsed.GsoSegs > ushort.MaxValue)
        {
            error = $"gso_segs is {parsed.GsoSegs}, more than GSO_MAX_SEGS (65535)";
            return null;
        }

        error = null;
        return parsed;
    }

    /// <summary><c>wire_len</c>, when given, is at least the packet's length and at most <c>GSO_LEGACY_MAX_SIZE</c> (65536).</summary>
    internal string? CheckWireLength(uint length) =>
        WireLen != 0 && (WireLen < length || WireLen > 65536) ? $"wire_len {WireLen} is below the packet's {length} bytes or above 65536" : null;

    private static uint U32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
}
