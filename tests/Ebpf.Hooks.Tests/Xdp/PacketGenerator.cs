using System.Buffers.Binary;

namespace Ebpf.Hooks.Tests.Xdp;

/// <summary>
/// Seeded random Ethernet frames of the kinds the test programs tell apart: IPv4 TCP, UDP to even and odd ports,
/// ICMP, other protocols (some with TTL 1), ARP, IPv6, and frames cut short after the Ethernet or IP header.
/// </summary>
internal sealed class PacketGenerator(int seed)
{
    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    public byte[] Next()
    {
        return _random.Next(10) switch
        {
            0 => Ipv4(6, ttl: 64, payload: _random.Next(0, 200)),
            1 => Ipv4(17, ttl: 64, payload: _random.Next(0, 300), port: (ushort)(_random.Next(1, 30000) * 2)),
            2 => Ipv4(17, ttl: 64, payload: _random.Next(0, 300), port: (ushort)((_random.Next(1, 30000) * 2) + 1)),
            3 => Ipv4(1, ttl: 64, payload: _random.Next(8, 100)),
            4 => Ipv4(47, ttl: 1, payload: _random.Next(0, 50)),
            5 => Ipv4(47, ttl: 64, payload: _random.Next(0, 50)),
            6 => Frame(0x0806, 28 + _random.Next(0, 18)),
            7 => Frame(0x86dd, 40 + _random.Next(0, 100)),
            8 => Frame(0x0800, _random.Next(0, 20)),
            _ => Ipv4(17, ttl: 64, payload: 0, port: 53)[..(14 + 20 + _random.Next(0, 8))],
        };
    }

    private byte[] Frame(ushort etherType, int payload)
    {
        var frame = new byte[14 + payload];
        _random.NextBytes(frame);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        return frame;
    }

    private byte[] Ipv4(byte protocol, byte ttl, int payload, ushort port = 0)
    {
        var transport = protocol is 6 ? 20 : protocol is 17 or 1 ? 8 : 0;
        var frame = Frame(0x0800, 20 + transport + payload);
        var ip = frame.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + transport + payload));
        ip[8] = ttl;
        ip[9] = protocol;
        if (protocol == 17)
        {
            BinaryPrimitives.WriteUInt16BigEndian(ip[22..], port);
        }

        return frame;
    }
}
