using System.Buffers.Binary;
using System.Collections.Immutable;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

/// <summary>
/// One packet as a socket filter or tc program sees it: Linux's <c>struct __sk_buff</c>, the <c>struct bpf_sock</c>
/// its <c>sk</c> points to, and the packet with 64 bytes of headroom (<c>NET_SKB_PAD</c>), all below 4 GiB so that
/// the 32-bit <c>data</c>, <c>data_end</c> and <c>data_meta</c> fields hold real addresses.
/// </summary>
/// <remarks>
/// The kernel keeps the packet's state in a <c>struct sk_buff</c> and rewrites each context access into a load
/// from it; here the <c>__sk_buff</c> itself is the state: programs read and write it as compiled, helpers and the
/// test run keep its fields true. As Linux's test run builds the skb (net/bpf/test_run.c): the Ethernet header is
/// parsed as the loopback device would (<c>eth_type_trans</c>: <c>protocol</c>, <c>pkt_type</c>); layer-2 types
/// (tc) see the packet from its Ethernet header, the others (socket filters) from its network header.
/// <code>
/// __sk_buff @0 (192 bytes)   bpf_sock @192 (80 bytes)   headroom @512 (64 bytes)   packet @576
/// </code>
/// </remarks>
public sealed partial class SkbFrame : IDisposable
{
    /// <summary>The smallest packet Linux's test run accepts: an Ethernet header (<c>ETH_HLEN</c>).</summary>
    public const int MinPacket = EthernetHeader;

    /// <summary>The largest: a 4 KiB page less <c>NET_SKB_PAD</c> and the aligned <c>skb_shared_info</c> (320 bytes on x86-64).</summary>
    public const int MaxPacket = 4096 - Headroom - 320;

    /// <summary><c>sizeof(struct __sk_buff)</c>.</summary>
    public const int ContextSize = 192;

    /// <summary><c>ETH_HLEN</c>.</summary>
    public const int EthernetHeader = 14;

    private const int SocketOffset = 192;
    private const int SocketSize = 80;
    private const int Headroom = 64;
    private const int FrameOffset = 512;
    private static long s_nextCookie;
    private readonly LowMemoryBuffer _memory = LowMemoryBuffer.Allocate(FrameOffset + Headroom + MaxPacket);
    private ulong _cookie;

    /// <summary>The address of the <c>__sk_buff</c> programs receive in r1.</summary>
    public ulong Context => _memory.Address;

    /// <summary>True when the program sees the packet from its Ethernet header (tc), false when from its network header (socket filters).</summary>
    public bool IsLayer2 { get; private set; }

    /// <summary>Where the Ethernet header starts (the kernel's <c>mac_header</c>).</summary>
    public ulong MacHeader => _memory.Address + FrameOffset + Headroom;

    /// <summary>Where the network header starts (the kernel's <c>network_header</c>).</summary>
    public ulong NetworkHeader => MacHeader + EthernetHeader;

    /// <summary>The packet's first byte as programs and helpers see it (<c>skb->data</c>).</summary>
    public ulong Data => Read(Field.Data);

    /// <summary>The packet's length from <see cref="Data"/> (<c>skb->len</c>; packets here are linear).</summary>
    public uint Length => Read(Field.Len);

    /// <summary>One past the packet's last byte.</summary>
    public ulong DataEnd => Data + Length;

    /// <summary>
    /// Places a packet and builds the context as Linux's test run does: <paramref name="layer2"/> for tc programs,
    /// fields from <paramref name="contextIn"/> (already validated) or their defaults.
    /// </summary>
    public void Load(ReadOnlySpan<byte> packet, bool layer2, SkbContextIn contextIn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(packet.Length, MinPacket);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(packet.Length, MaxPacket);
        _memory.Span.Clear();
        packet.CopyTo(_memory.Span[(FrameOffset + Headroom)..]);
        IsLayer2 = layer2;
        _cookie = 0;
        ClearRedirect();

        var data = layer2 ? MacHeader : NetworkHeader;
        var length = (uint)(layer2 ? packet.Length : packet.Length - EthernetHeader);
        var protocol = EthernetProtocol(packet);
        Write(Field.Len, length);
        Write(Field.PktType, PacketType(packet[..6]));
        Write(Field.Protocol, BinaryPrimitives.ReverseEndianness(protocol));
        Write(Field.Data, (uint)data);
        Write(Field.DataEnd, (uint)(data + length));
        Write(Field.DataMeta, (uint)data);
        Write(Field.Mark, contextIn.Mark);
        Write(Field.Priority, contextIn.Priority);
        Write(Field.IngressIfindex, contextIn.IngressIfindex);
        Write(Field.Ifindex, contextIn.Ifindex > 1 ? contextIn.Ifindex : 1);
        contextIn.Cb.CopyTo(_memory.Span.Slice((int)Field.Cb, 20));
        Write64(Field.Tstamp, contextIn.Tstamp);
        Write(Field.WireLen, contextIn.HasContext ? (contextIn.WireLen == 0 ? length : contextIn.WireLen) : 0);
        Write(Field.GsoSegs, contextIn.GsoSegs);
        Write(Field.GsoSize, contextIn.GsoSize);
        Write64(Field.Hwtstamp, contextIn.Hwtstamp);
        Write64(Field.Sk, Context + SocketOffset);
        BuildSocket(packet, protocol);
    }

    /// <summary>The packet after the run as Linux's test run returns it: for layer-3 types the Ethernet header comes back zeroed.</summary>
    public byte[] Packet
    {
        get
        {
            var bytes = _memory.Span.Slice((int)(Data - _memory.Address), (int)Length).ToArray();
            return IsLayer2 ? bytes : [.. new byte[EthernetHeader], .. bytes];
        }
    }

    /// <summary>The context after the run as Linux's test run copies it back (<c>convert_skb_to___skb</c>): the fields it accepts in and <c>ifindex</c>; others as given.</summary>
    public byte[] ContextOut(ReadOnlySpan<byte> contextIn)
    {
        var context = new byte[ContextSize];
        contextIn[..Math.Min(contextIn.Length, ContextSize)].CopyTo(context);
        var now = _memory.Span[..ContextSize];
        foreach (var (offset, size) in SkbContextIn.CopiedBack)
        {
            now.Slice(offset, size).CopyTo(context.AsSpan(offset));
        }

        return context;
    }

    /// <summary>
    /// A run request: r1 is the context (writable: the program type decides which fields a program may write),
    /// the socket is read-only, and tc programs may read and write the packet directly.
    /// </summary>
    public ExecutionRequest Request
    {
        get
        {
            var regions = ImmutableArray.Create(
                new MemoryRegion(Context, ContextSize, true, "__sk_buff"),
                new MemoryRegion(Context + SocketOffset, SocketSize, false, "bpf_sock"));
            var packet = new MemoryRegion(Data, Length, true, "packet");
            return new ExecutionRequest([Context], IsLayer2 ? regions.Add(packet) : regions)
            {
                Packet = packet,
                MacHeader = MacHeader,
                NetworkHeader = NetworkHeader,
                Environment = this,
            };
        }
    }

    /// <summary><c>bpf_get_socket_cookie</c>: the test run's socket gets a cookie on first use, from one counter for the process, as <c>__sock_gen_cookie</c>.</summary>
    public ulong SocketCookie
    {
        get
        {
            if (_cookie == 0)
            {
                _cookie = (ulong)Interlocked.Increment(ref s_nextCookie);
            }

            return _cookie;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _memory.Dispose();

    /// <summary><c>eth_type_trans</c>: EtherTypes from 0x600 are protocols; below, 0xFFFF after the header is raw 802.3 (IPX), else 802.2 LLC.</summary>
    private static ushort EthernetProtocol(ReadOnlySpan<byte> packet)
    {
        var type = BinaryPrimitives.ReadUInt16BigEndian(packet[12..]);
        if (type >= 0x600)
        {
            return type;
        }

        return packet.Length >= EthernetHeader + 2 && BinaryPrimitives.ReadUInt16BigEndian(packet[EthernetHeader..]) == 0xffff ? (ushort)0x0001 : (ushort)0x0004;
    }

    /// <summary>
    /// <c>eth_skb_pkt_type</c> on the loopback device, whose address and broadcast address are all zeros: a zero
    /// destination is <c>PACKET_HOST</c> (0), another group address <c>PACKET_MULTICAST</c> (2, even ff:ff:ff:ff:ff:ff),
    /// anything else <c>PACKET_OTHERHOST</c> (3).
    /// </summary>
    private static uint PacketType(ReadOnlySpan<byte> destination) =>
        !destination.ContainsAnyExcept((byte)0) ? 0u : (destination[0] & 1) != 0 ? 2u : 3u;

    /// <summary>The test run's socket as <c>struct bpf_sock</c>: family and addresses from the IP header, closed (<c>TCP_CLOSE</c>), no receive queue.</summary>
    private void BuildSocket(ReadOnlySpan<byte> packet, ushort protocol)
    {
        var socket = _memory.Span.Slice(SocketOffset, SocketSize);
        var ip = packet[EthernetHeader..];
        if (protocol == 0x0800)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(socket[4..], 2);
            if (ip.Length >= 20)
            {
                ip.Slice(12, 4).CopyTo(socket[24..]);
                ip.Slice(16, 4).CopyTo(socket[52..]);
            }
        }
        else if (protocol == 0x86dd)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(socket[4..], 10);
            if (ip.Length >= 40)
            {
                ip.Slice(8, 16).CopyTo(socket[28..]);
                ip.Slice(24, 16).CopyTo(socket[56..]);
            }
        }

        BinaryPrimitives.WriteUInt32LittleEndian(socket[72..], 7);
        BinaryPrimitives.WriteUInt32LittleEndian(socket[76..], uint.MaxValue);
    }

    internal uint Read(Field field) => BinaryPrimitives.ReadUInt32LittleEndian(_memory.Span[(int)field..]);

    internal void Write(Field field, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_memory.Span[(int)field..], value);

    private void Write64(Field field, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(_memory.Span[(int)field..], value);

    /// <summary>Offsets of the <c>__sk_buff</c> fields the runtime keeps.</summary>
    internal enum Field
    {
        Len = 0, PktType = 4, Mark = 8, QueueMapping = 12, Protocol = 16, Priority = 32, IngressIfindex = 36, Ifindex = 40,
        TcIndex = 44, Cb = 48, Hash = 68, TcClassid = 72, Data = 76, DataEnd = 80, DataMeta = 140, Tstamp = 152,
        WireLen = 160, GsoSegs = 164, Sk = 168, GsoSize = 176, Hwtstamp = 184,
    }
}
