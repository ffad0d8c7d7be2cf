using System.Buffers.Binary;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

/// <summary>
/// One packet as an XDP program sees it: Linux's <c>struct xdp_md</c> followed by a frame with 256 bytes
/// of headroom (<c>XDP_PACKET_HEADROOM</c>), the packet, and tailroom, all below 4 GiB so that the
/// 32-bit <c>data</c>, <c>data_end</c> and <c>data_meta</c> fields hold real addresses.
/// </summary>
/// <remarks>
/// <code>
/// xdp_md:  data @0  data_end @4  data_meta @8  ingress_ifindex @12  rx_queue_index @16  egress_ifindex @20
/// </code>
/// </remarks>
public sealed partial class XdpFrame : IDisposable
{
    /// <summary>Bytes before the packet, for <c>bpf_xdp_adjust_head</c> and metadata.</summary>
    public const int Headroom = 256;

    /// <summary>Largest packet a frame holds, as a 4 KiB page less headroom and Linux's tailroom.</summary>
    public const int MaxPacket = 4096 - Headroom - 320;

    /// <summary>The smallest packet Linux's test run accepts: an Ethernet header.</summary>
    public const int MinPacket = 14;

    private const int ContextSize = 24;
    private const int FrameOffset = 64;
    private readonly LowMemoryBuffer _memory = LowMemoryBuffer.Allocate(FrameOffset + 4096);

    /// <summary>The address of the <c>xdp_md</c> programs receive in r1.</summary>
    public ulong Context => _memory.Address;

    /// <summary>The first byte of the frame (start of the headroom).</summary>
    public ulong FrameStart => _memory.Address + FrameOffset;

    /// <summary>One past the last byte the packet may grow to.</summary>
    public ulong FrameEnd => FrameStart + Headroom + MaxPacket;

    /// <summary>Places a packet in the frame and resets the context, as a new packet would arrive.</summary>
    /// <param name="packet">The packet bytes.</param>
    /// <param name="ingressIfindex">The interface it arrived on.</param>
    /// <param name="rxQueue">The receive queue.</param>
    /// <param name="metadataLength">Bytes at the start of <paramref name="packet"/> that are metadata before the packet proper.</param>
    public void Load(ReadOnlySpan<byte> packet, uint ingressIfindex = 1, uint rxQueue = 0, int metadataLength = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(packet.Length, MaxPacket);
        ArgumentOutOfRangeException.ThrowIfNegative(metadataLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(metadataLength, Math.Min(packet.Length, Headroom));
        var meta = (uint)(FrameStart + Headroom);
        packet.CopyTo(_memory.Span[(FrameOffset + Headroom)..]);
        Write(0, meta + (uint)metadataLength);
        Write(4, meta + (uint)packet.Length);
        Write(8, meta);
        Write(12, ingressIfindex);
        Write(16, rxQueue);
        Write(20, 0);
        ClearRedirect();
    }

    /// <summary>The packet's start, end and metadata start as the program left them.</summary>
    public (ulong Data, ulong DataEnd, ulong DataMeta) Bounds => (Read(0), Read(4), Read(8));

    /// <summary>The packet now, metadata included, after the program's changes.</summary>
    public byte[] Packet
    {
        get
        {
            var (_, end, meta) = Bounds;
            return _memory.Span[(int)(meta - _memory.Address)..(int)(end - _memory.Address)].ToArray();
        }
    }

    /// <summary>The context as the program left it, with the packet pointers made relative as Linux's test run returns them.</summary>
    public byte[] ContextOut
    {
        get
        {
            var (data, end, meta) = Bounds;
            var context = _memory.Span[..ContextSize].ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(context, (uint)(data - meta));
            BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(4), (uint)(end - meta));
            BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(8), 0);
            return context;
        }
    }

    /// <summary>A run request: r1 is the context; the context is read-only and the whole frame writable.</summary>
    public ExecutionRequest Request => new(
        [Context],
        [new MemoryRegion(Context, ContextSize, false, "xdp_md"), new MemoryRegion(FrameStart, (ulong)(Headroom + MaxPacket), true, "packet")]);

    /// <summary>Moves the packet start by <paramref name="delta"/> bytes, as <c>bpf_xdp_adjust_head</c>; false when it would leave the frame or the packet would be shorter than an Ethernet header.</summary>
    public bool AdjustHead(int delta)
    {
        var (data, end, meta) = Bounds;
        var newData = (long)data + delta;
        if (newData < (long)FrameStart || newData > (long)end - MinPacket)
        {
            return false;
        }

        Write(0, (uint)newData);
        // Metadata does not survive a head adjustment that crosses it, as in Linux.
        Write(8, meta == data || newData < (long)meta ? (uint)newData : (uint)meta + (uint)delta);
        return true;
    }

    /// <summary>Moves the packet end by <paramref name="delta"/> bytes, as <c>bpf_xdp_adjust_tail</c>.</summary>
    public bool AdjustTail(int delta)
    {
        var (data, end, _) = Bounds;
        var newEnd = (long)end + delta;
        if (newEnd < (long)data + MinPacket || newEnd > (long)FrameEnd)
        {
            return false;
        }

        if (delta > 0)
        {
            _memory.Span.Slice((int)(end - _memory.Address), delta).Clear();
        }

        Write(4, (uint)newEnd);
        return true;
    }

    /// <summary>Moves the metadata start by <paramref name="delta"/> bytes, as <c>bpf_xdp_adjust_meta</c> (at most 32 bytes, 4-aligned).</summary>
    public bool AdjustMeta(int delta)
    {
        var (data, _, meta) = Bounds;
        var newMeta = (long)meta + delta;
        if (newMeta < (long)FrameStart || newMeta > (long)data || data - (ulong)newMeta > 32 || ((long)data - newMeta) % 4 != 0)
        {
            return false;
        }

        Write(8, (uint)newMeta);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _memory.Dispose();

    private void Write(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_memory.Span[offset..], value);

    private ulong Read(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_memory.Span[offset..]);
}
