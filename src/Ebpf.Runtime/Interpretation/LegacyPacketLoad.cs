using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Interpretation;

/// <summary>
/// Where a legacy packet load (<c>ldabs</c>, <c>ldind</c>) reads, as Linux's <c>bpf_skb_load_helper_*</c> and
/// <c>bpf_internal_load_pointer_neg_helper</c> decide: a non-negative offset counts from the packet's start
/// (<c>skb->data</c>); offsets from <c>SKF_NET_OFF</c> (-0x100000) count from the network header, from
/// <c>SKF_LL_OFF</c> (-0x200000) from the link-layer header; any other offset, or bytes past the packet's end,
/// end the program with 0. Every engine takes this as the specification.
/// </summary>
public static class LegacyPacketLoad
{
    /// <summary><c>SKF_NET_OFF</c>.</summary>
    public const int NetworkOffset = -0x100000;

    /// <summary><c>SKF_LL_OFF</c>.</summary>
    public const int LinkLayerOffset = -0x200000;

    /// <summary>The offset a load uses: the immediate, plus the source register for <c>ldind</c>, as a 32-bit signed number.</summary>
    public static int Offset(int immediate, ulong source, bool indirect) =>
        indirect ? (int)(source + (ulong)(long)immediate) : immediate;

    /// <summary>
    /// The address of <paramref name="size"/> bytes at <paramref name="offset"/>, or false when the load falls outside
    /// the packet (the program then ends with 0). Negative offsets reach back no further than the link-layer header.
    /// </summary>
    public static bool TryResolve(in ExecutionRequest request, int offset, int size, out ulong address)
    {
        address = 0;
        return request.Packet is { } packet
            && TryResolve(packet.Start, packet.Length, request.MacHeader, request.NetworkHeader, offset, size, out address);
    }

    /// <summary>
    /// As <see cref="TryResolve(in ExecutionRequest, int, int, out ulong)"/>, for engines that keep the packet
    /// (<paramref name="start"/>, <paramref name="length"/>) and its headers apart from the request.
    /// </summary>
    public static bool TryResolve(ulong start, ulong length, ulong? macHeader, ulong? networkHeader, int offset, int size, out ulong address)
    {
        address = 0;
        var end = start + length;
        var lowest = macHeader ?? start;
        if (offset >= 0)
        {
            address = start + (ulong)offset;
        }
        else if (offset >= NetworkOffset && networkHeader is { } network)
        {
            address = network + (ulong)(offset - NetworkOffset);
        }
        else if (offset >= LinkLayerOffset && offset < NetworkOffset && macHeader is { } mac)
        {
            address = mac + (ulong)(offset - LinkLayerOffset);
        }
        else
        {
            return false;
        }

        return address >= lowest && address <= end && end - address >= (ulong)size;
    }
}
