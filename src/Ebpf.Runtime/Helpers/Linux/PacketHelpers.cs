using Ebpf.Runtime.Programs;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>XDP packet helpers: <c>xdp_adjust_head</c> (44), <c>xdp_adjust_meta</c> (54), <c>xdp_adjust_tail</c> (65), <c>xdp_load_bytes</c> (189), <c>xdp_store_bytes</c> (190), and <c>csum_diff</c> (28).</summary>
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
    /// <c>bpf_xdp_load_bytes(xdp_md, offset, buf, len)</c> (189): offsets or lengths past 64 KiB are <c>-EFAULT</c>,
    /// bytes past the packet <c>-EINVAL</c> (the buffer is left as it was); frames here have no fragments.
    /// </summary>
    public static ulong LoadBytes(HelperContext context, ulong ctx, ulong offset, ulong buffer, ulong length, ulong _) =>
        Copy(context, ctx, offset, buffer, length, toPacket: false);

    /// <summary><c>bpf_xdp_store_bytes(xdp_md, offset, buf, len)</c> (190): as <see cref="LoadBytes"/>, the other way.</summary>
    public static ulong StoreBytes(HelperContext context, ulong ctx, ulong offset, ulong buffer, ulong length, ulong _) =>
        Copy(context, ctx, offset, buffer, length, toPacket: true);

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

    private static ulong Copy(HelperContext context, ulong ctx, ulong offset, ulong buffer, ulong length, bool toPacket)
    {
        if (Frame(context, ctx) is not { } frame || !context.Require(buffer, length, !toPacket, "buf"))
        {
            return Errno.Fault;
        }

        var (data, end, _) = frame.Bounds;
        if ((uint)offset > 0xffff || (uint)length > 0xffff)
        {
            return Errno.Fault;
        }

        if ((uint)offset + (uint)length > end - data)
        {
            return Errno.Invalid;
        }

        var packet = new Span<byte>((void*)(data + (uint)offset), (int)(uint)length);
        var memory = new Span<byte>((void*)buffer, (int)(uint)length);
        (toPacket ? memory : packet).CopyTo(toPacket ? packet : memory);
        return 0;
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
