using Ebpf.Runtime.Programs;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>XDP packet helpers: <c>xdp_adjust_head</c> (44), <c>xdp_adjust_meta</c> (54), <c>xdp_adjust_tail</c> (65), and <c>csum_diff</c> (28).</summary>
internal static unsafe class PacketHelpers
{
    public static ulong AdjustHead(HelperContext context, ulong ctx, ulong delta, ulong _, ulong __, ulong ___) =>
        Frame(context, ctx) is { } frame && frame.AdjustHead((int)delta) ? 0 : Errno.Invalid;

    public static ulong AdjustMeta(HelperContext context, ulong ctx, ulong delta, ulong _, ulong __, ulong ___) =>
        Frame(context, ctx) is { } frame && frame.AdjustMeta((int)delta) ? 0 : Errno.Invalid;

    public static ulong AdjustTail(HelperContext context, ulong ctx, ulong delta, ulong _, ulong __, ulong ___) =>
        Frame(context, ctx) is { } frame && frame.AdjustTail((int)delta) ? 0 : Errno.Invalid;

    /// <summary><c>bpf_xdp_get_buff_len</c> (188): the packet's length; frames here have no fragments.</summary>
    public static ulong BuffLen(HelperContext context, ulong ctx, ulong _, ulong __, ulong ___, ulong ____) =>
        Frame(context, ctx) is { } frame ? frame.Bounds.DataEnd - frame.Bounds.Data : 0;

    /// <summary>
    /// The one's-complement sum of <c>to</c> minus <c>from</c>, seeded: 32-bit words, as the kernel's
    /// <c>bpf_csum_diff</c>; sizes must be multiples of 4 (at most 512 bytes each).
    /// </summary>
    public static ulong CsumDiff(HelperContext context, ulong from, ulong fromSize, ulong to, ulong toSize, ulong seed)
    {
        if (fromSize % 4 != 0 || toSize % 4 != 0 || fromSize > 512 || toSize > 512
            || (fromSize > 0 && !context.Require(from, (int)fromSize, false, "from"))
            || (toSize > 0 && !context.Require(to, (int)toSize, false, "to")))
        {
            return Errno.Invalid;
        }

        ulong sum = (uint)seed;
        for (ulong i = 0; i < fromSize; i += 4)
        {
            sum += ~*(uint*)(from + i);
        }

        for (ulong i = 0; i < toSize; i += 4)
        {
            sum += *(uint*)(to + i);
        }

        while (sum >> 32 != 0)
        {
            sum = (sum & 0xffffffff) + (sum >> 32);
        }

        return sum;
    }

    private static XdpFrame? Frame(HelperContext context, ulong ctx)
    {
        if (context.Environment is XdpFrame frame && frame.Context == ctx)
        {
            return frame;
        }

        context.Fail("r1 is not the XDP context of this run");
        return null;
    }
}
