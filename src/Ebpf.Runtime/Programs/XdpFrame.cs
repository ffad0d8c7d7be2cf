using System.Buffers.Binary;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

/// <summary>
/// One packet as an XDP program sees it: Linux's <c>struct xdp_md</c> (or eBPF for Windows' <c>xdp_md_t</c>)
/// followed by a frame with 256 bytes of headroom (<c>XDP_PACKET_HEADROOM</c>), the packet, and tailroom, all below
/// 4 GiB so that Linux's 32-bit <c>data</c>, <c>data_end</c> and <c>data_meta</c> fields hold real addresses.
/// </summary>
/// <remarks>
/// <code>
/// xdp_md (Linux):     data @0  data_end @4  data_meta @8  ingress_ifindex @12  rx_queue_index @16  egress_ifindex @20  (24 bytes)
/// xdp_md_t (Windows): data @0  data_end @8  data_meta @16 (64-bit each)  ingress_ifindex @24  rx_queue_index @28  (32 bytes)
/// </code>
/// Only where the context's fields lie differs between the two; the packet, its adjustments and redirects are one
/// implementation, so the helpers and hooks that act on a frame serve programs of both platforms.
/// </remarks>
public sealed partial class XdpFrame : IDisposable
{
    /// <summary>Bytes before the packet, for <c>bpf_xdp_adjust_head</c> and metadata.</summary>
    public const int Headroom = 256;

    /// <summary>Largest packet a frame holds, as a 4 KiB page less headroom and Linux's tailroom.</summary>
    public const int MaxPacket = 4096 - Headroom - 320;

    /// <summary>The smallest packet Linux's test run accepts: an Ethernet header.</summary>
    public const int MinPacket = 14;

    private const int FrameOffset = 64;
    private readonly LowMemoryBuffer _memory = LowMemoryBuffer.Allocate(FrameOffset + 4096);

    /// <summary>A frame with Linux's <c>struct xdp_md</c>.</summary>
    public XdpFrame()
        : this(AbiPlatform.Linux)
    {
    }

    /// <summary>A frame with the XDP context of <paramref name="platform"/>: Linux's <c>struct xdp_md</c> or eBPF for Windows' <c>xdp_md_t</c>.</summary>
    public XdpFrame(AbiPlatform platform)
    {
        Platform = platform;
        PointerSize = platform == AbiPlatform.Windows ? 8 : 4;
        ContextSize = platform == AbiPlatform.Windows ? 32 : 24;
    }

    /// <summary>Whose context layout the frame has.</summary>
    public AbiPlatform Platform { get; }

    /// <summary>The size of the context (<c>sizeof(struct xdp_md)</c> or <c>sizeof(xdp_md_t)</c>).</summary>
    public int ContextSize { get; }

    /// <summary>The width of the context's pointer fields: 4 on Linux (rewritten by the kernel), 8 on Windows.</summary>
    private int PointerSize { get; }

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
        var meta = FrameStart + Headroom;
        packet.CopyTo(_memory.Span[(FrameOffset + Headroom)..]);
        WritePointer(0, meta + (uint)metadataLength);
        WritePointer(1, meta + (uint)packet.Length);
        WritePointer(2, meta);
        var numbers = _memory.Span[(3 * PointerSize)..ContextSize];
        numbers.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(numbers, ingressIfindex);
        BinaryPrimitives.WriteUInt32LittleEndian(numbers[4..], rxQueue);
        ClearRedirect();
    }

    /// <summary>The packet's start, end and metadata start as the program left them.</summary>
    public (ulong Data, ulong DataEnd, ulong DataMeta) Bounds => (ReadPointer(0), ReadPointer(1), ReadPointer(2));

    /// <summary>The packet now, metadata included, after the program's changes.</summary>
    public byte[] Packet
    {
        get
        {
            var (_, end, meta) = Bounds;
            return _memory.Span[(int)(meta - _memory.Address)..(int)(end - _memory.Address)].ToArray();
        }
    }

    /// <summary>
    /// The context as the program left it, with the packet pointers made relative as Linux's test run returns them;
    /// on Windows' layout the three pointers are zeroed, as its test run returns no pointer.
    /// </summary>
    public byte[] ContextOut
    {
        get
        {
            var (data, end, meta) = Bounds;
            var context = _memory.Span[..ContextSize].ToArray();
            if (Platform == AbiPlatform.Windows)
            {
                context.AsSpan(0, 3 * PointerSize).Clear();
                return context;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(context, (uint)(data - meta));
            BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(4), (uint)(end - meta));
            BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(8), 0);
            return context;
        }
    }

    /// <summary>A run request: r1 is the context; the context is read-only and the whole frame writable.</summary>
    public ExecutionRequest Request => new(
        [Context],
        [new MemoryRegion(Context, (ulong)ContextSize, false, Platform == AbiPlatform.Windows ? "xdp_md_t" : "xdp_md"), new MemoryRegion(FrameStart, (ulong)(Headroom + MaxPacket), true, "packet")]);

    /// <summary>Moves the packet start by <paramref name="delta"/> bytes, as <c>bpf_xdp_adjust_head</c>; false when it would leave the frame or the packet would be shorter than an Ethernet header.</summary>
    public bool AdjustHead(int delta)
    {
        var (data, end, meta) = Bounds;
        var newData = (long)data + delta;
        if (newData < (long)FrameStart || newData > (long)end - MinPacket)
        {
            return false;
        }

        WritePointer(0, (ulong)newData);
        // Metadata does not survive a head adjustment that crosses it, as in Linux.
        WritePointer(2, meta == data || newData < (long)meta ? (ulong)newData : (ulong)((long)meta + delta));
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

        WritePointer(1, (ulong)newEnd);
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

        WritePointer(2, (ulong)newMeta);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _memory.Dispose();

    /// <summary>Writes pointer field <paramref name="index"/> (0 <c>data</c>, 1 <c>data_end</c>, 2 <c>data_meta</c>) at the layout's width.</summary>
    private void WritePointer(int index, ulong value)
    {
        var field = _memory.Span[(index * PointerSize)..];
        if (PointerSize == 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(field, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(field, (uint)value);
        }
    }

    private ulong ReadPointer(int index)
    {
        var field = _memory.Span[(index * PointerSize)..];
        return PointerSize == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(field) : BinaryPrimitives.ReadUInt32LittleEndian(field);
    }
}
