using System.Buffers.Binary;
using Ebpf.Runtime.Programs;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The skb helpers of net/core/filter.c, on the run's <see cref="SkbFrame"/>: offsets count from <c>skb->data</c>
/// (the Ethernet header for tc, the network header for socket filters), and packets are linear, as in Linux's test run.
/// </summary>
internal static unsafe class SkbHelpers
{
    private const ulong RecomputeChecksum = 1;
    private const ulong InvalidateHash = 2;
    private const ulong Ingress = 1;
    private const ulong TcActShot = 2;
    private const ulong TcActRedirect = 7;

    /// <summary><c>bpf_skb_load_bytes(skb, offset, to, len)</c> (26): copies, or zeroes <c>to</c> and returns <c>-EFAULT</c> past the packet.</summary>
    public static ulong LoadBytes(HelperContext context, ulong skb, ulong offset, ulong to, ulong length, ulong _)
    {
        if (Frame(context, skb) is not { } frame || !context.Require(to, length, true, "to"))
        {
            return Errno.Fault;
        }

        var destination = new Span<byte>((void*)to, (int)length);
        if ((uint)offset > int.MaxValue || (ulong)(uint)offset + length > frame.Length)
        {
            destination.Clear();
            return Errno.Fault;
        }

        new ReadOnlySpan<byte>((void*)(frame.Data + (uint)offset), (int)length).CopyTo(destination);
        return 0;
    }

    /// <summary>
    /// <c>bpf_skb_load_bytes_relative(skb, offset, to, len, start_header)</c> (68): from the link-layer
    /// (<c>BPF_HDR_START_MAC</c>, 0) or network header (<c>BPF_HDR_START_NET</c>, 1), offsets below 64 KiB.
    /// </summary>
    public static ulong LoadBytesRelative(HelperContext context, ulong skb, ulong offset, ulong to, ulong length, ulong startHeader)
    {
        if (Frame(context, skb) is not { } frame || !context.Require(to, length, true, "to"))
        {
            return Errno.Fault;
        }

        var destination = new Span<byte>((void*)to, (int)length);
        ulong? start = (uint)startHeader switch { 0 => frame.MacHeader, 1 => frame.NetworkHeader, _ => null };
        if ((uint)offset > 0xffff || start is not { } header || header + (uint)offset + length > frame.DataEnd)
        {
            destination.Clear();
            return Errno.Fault;
        }

        new ReadOnlySpan<byte>((void*)(header + (uint)offset), (int)length).CopyTo(destination);
        return 0;
    }

    /// <summary>
    /// <c>bpf_skb_store_bytes(skb, offset, from, len, flags)</c> (9): flags other than <c>BPF_F_RECOMPUTE_CSUM</c> and
    /// <c>BPF_F_INVALIDATE_HASH</c> are <c>-EINVAL</c>; bytes past the packet <c>-EFAULT</c>. Without checksum offload the
    /// first flag has nothing to recompute; the second clears <c>hash</c>.
    /// </summary>
    public static ulong StoreBytes(HelperContext context, ulong skb, ulong offset, ulong from, ulong length, ulong flags)
    {
        if (Frame(context, skb) is not { } frame || !context.Require(from, length, false, "from"))
        {
            return Errno.Fault;
        }

        if ((flags & ~(RecomputeChecksum | InvalidateHash)) != 0)
        {
            return Errno.Invalid;
        }

        if ((uint)offset > int.MaxValue || (ulong)(uint)offset + length > frame.Length)
        {
            return Errno.Fault;
        }

        new ReadOnlySpan<byte>((void*)from, (int)length).CopyTo(new Span<byte>((void*)(frame.Data + (uint)offset), (int)length));
        if ((flags & InvalidateHash) != 0)
        {
            frame.Write(SkbFrame.Field.Hash, 0);
        }

        return 0;
    }

    /// <summary><c>bpf_skb_pull_data(skb, len)</c> (39): packets here are linear, so only a length past the packet fails (<c>-ENOMEM</c>).</summary>
    public static ulong PullData(HelperContext context, ulong skb, ulong length, ulong _, ulong __, ulong ___) =>
        Frame(context, skb) is not { } frame ? Errno.Fault : (uint)length > frame.Length ? Errno.NoMemory : 0;

    /// <summary><c>bpf_skb_change_type(skb, type)</c> (32): both the old and the new type must be at most <c>PACKET_OTHERHOST</c> (3).</summary>
    public static ulong ChangeType(HelperContext context, ulong skb, ulong type, ulong _, ulong __, ulong ___)
    {
        if (Frame(context, skb) is not { } frame || frame.Read(SkbFrame.Field.PktType) > 3 || (uint)type > 3)
        {
            return Errno.Invalid;
        }

        frame.Write(SkbFrame.Field.PktType, (uint)type);
        return 0;
    }

    /// <summary><c>bpf_get_hash_recalc(skb)</c> (34): the flow hash, computed and kept in <c>hash</c> when it is 0.</summary>
    public static ulong HashRecalc(HelperContext context, ulong skb, ulong _, ulong __, ulong ___, ulong ____)
    {
        if (Frame(context, skb) is not { } frame)
        {
            return 0;
        }

        var hash = frame.Read(SkbFrame.Field.Hash);
        if (hash == 0)
        {
            hash = FlowHash.Of(new ReadOnlySpan<byte>((void*)frame.MacHeader, (int)(frame.DataEnd - frame.MacHeader)));
            frame.Write(SkbFrame.Field.Hash, hash);
        }

        return hash;
    }

    /// <summary><c>bpf_set_hash_invalid(skb)</c> (41): clears <c>hash</c>, so the next <c>bpf_get_hash_recalc</c> computes it.</summary>
    public static ulong SetHashInvalid(HelperContext context, ulong skb, ulong _, ulong __, ulong ___, ulong ____)
    {
        Frame(context, skb)?.Write(SkbFrame.Field.Hash, 0);
        return 0;
    }

    /// <summary><c>bpf_get_socket_cookie(skb)</c> (46): the cookie of the packet's socket; a test run's packet has one.</summary>
    public static ulong SocketCookie(HelperContext context, ulong skb, ulong _, ulong __, ulong ___, ulong ____) =>
        Frame(context, skb)?.SocketCookie ?? 0;

    /// <summary><c>bpf_get_socket_uid(skb)</c> (47): the owner of the packet's socket; Linux's test run makes it root's (0).</summary>
    public static ulong SocketUid(HelperContext context, ulong skb, ulong _, ulong __, ulong ___, ulong ____)
    {
        Frame(context, skb);
        return 0;
    }

    /// <summary>
    /// tc's <c>bpf_redirect(ifindex, flags)</c> (23): flags other than <c>BPF_F_INGRESS</c> give <c>TC_ACT_SHOT</c>;
    /// otherwise the target is recorded and the result is <c>TC_ACT_REDIRECT</c>.
    /// </summary>
    public static ulong Redirect(SkbFrame frame, ulong ifindex, ulong flags)
    {
        if ((flags & ~Ingress) != 0)
        {
            return TcActShot;
        }

        frame.RedirectToInterface((uint)ifindex, flags);
        return TcActRedirect;
    }

    /// <summary>The run's skb when r1 is its context; otherwise the run fails.</summary>
    internal static SkbFrame? Frame(HelperContext context, ulong skb)
    {
        if (context.Environment is SkbFrame frame && frame.Context == skb)
        {
            return frame;
        }

        context.Fail("r1 is not the __sk_buff of this run");
        return null;
    }
}
