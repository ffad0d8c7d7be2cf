using System.Runtime.CompilerServices;
using Ebpf.Runtime.Programs;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// <c>bpf_l3_csum_replace</c> (10) and <c>bpf_l4_csum_replace</c> (11) of net/core/filter.c: update a checksum in
/// the packet at <c>offset</c> (from <c>skb->data</c>) after a 2- or 4-byte field changed (the size is the flags'
/// low four bits), or by a difference from <c>bpf_csum_diff</c> (size 0). Packets here carry no checksum offload
/// (<c>CHECKSUM_NONE</c>, as in Linux's test run), so the pseudo-header flag changes nothing.
/// </summary>
internal static unsafe class ChecksumHelpers
{
    private const ulong FieldSizeMask = 0xf;
    private const ulong PseudoHeader = 1 << 4;
    private const ulong MarkMangled0 = 1 << 5;
    private const ulong MarkEnforce = 1 << 6;
    private const ulong Ipv6 = 1 << 7;

    /// <summary><c>CSUM_MANGLED_0</c>: how a UDP checksum that computes to zero is written.</summary>
    private const ushort Mangled0 = 0xffff;

    public static ulong L3Replace(HelperContext context, ulong skb, ulong offset, ulong from, ulong to, ulong flags)
    {
        if ((flags & ~FieldSizeMask) != 0)
        {
            return Errno.Invalid;
        }

        if (Field(context, skb, offset) is not { } field)
        {
            return Errno.Fault;
        }

        return Replace(field, from, to, flags, transport: false);
    }

    public static ulong L4Replace(HelperContext context, ulong skb, ulong offset, ulong from, ulong to, ulong flags)
    {
        if ((flags & ~(MarkMangled0 | MarkEnforce | PseudoHeader | Ipv6 | FieldSizeMask)) != 0)
        {
            return Errno.Invalid;
        }

        if (Field(context, skb, offset) is not { } field)
        {
            return Errno.Fault;
        }

        var mangled = (flags & MarkMangled0) != 0;
        if (mangled && (flags & MarkEnforce) == 0 && Unsafe.ReadUnaligned<ushort>((void*)field) == 0)
        {
            return 0;
        }

        var result = Replace(field, from, to, flags, transport: true);
        if (result == 0 && mangled && Unsafe.ReadUnaligned<ushort>((void*)field) == 0)
        {
            Unsafe.WriteUnaligned((void*)field, Mangled0);
        }

        return result;
    }

    /// <summary>
    /// The layer-3 helper's 2-byte form is <c>csum_replace2</c>; the layer-4 helper's is <c>inet_proto_csum_replace2</c>,
    /// which widens both values and uses <c>csum_replace4</c>.
    /// </summary>
    private static ulong Replace(ulong field, ulong from, ulong to, ulong flags, bool transport)
    {
        var check = Unsafe.ReadUnaligned<ushort>((void*)field);
        ushort updated;
        switch (flags & FieldSizeMask)
        {
            case 0:
                if (from != 0)
                {
                    return Errno.Invalid;
                }

                updated = InternetChecksum.ReplaceByDifference(check, (uint)to);
                break;
            case 2:
                updated = transport ? InternetChecksum.Replace4(check, (ushort)from, (ushort)to) : InternetChecksum.Replace2(check, (ushort)from, (ushort)to);
                break;
            case 4:
                updated = InternetChecksum.Replace4(check, (uint)from, (uint)to);
                break;
            default:
                return Errno.Invalid;
        }

        Unsafe.WriteUnaligned((void*)field, updated);
        return 0;
    }

    /// <summary>The checksum's address: an even offset below 64 KiB whose two bytes lie in the packet.</summary>
    private static ulong? Field(HelperContext context, ulong skb, ulong offset)
    {
        if (SkbHelpers.Frame(context, skb) is not { } frame || (uint)offset > 0xffff || (offset & 1) != 0 || (uint)offset + 2 > frame.Length)
        {
            return null;
        }

        return frame.Data + (uint)offset;
    }
}
