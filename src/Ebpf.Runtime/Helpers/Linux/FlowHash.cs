using System.Buffers.Binary;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The flow hash <c>bpf_get_hash_recalc</c> gives: like the kernel's <c>__skb_get_hash</c>, it covers the protocol,
/// the addresses and, for TCP and UDP, the ports, and is never 0. The kernel mixes them with SipHash under a key
/// drawn at boot, so its values cannot be reproduced; this one is FNV-1a over the same fields, the same in every run.
/// </summary>
internal static class FlowHash
{
    /// <summary>The hash of the flow of the Ethernet frame <paramref name="frame"/>.</summary>
    public static uint Of(ReadOnlySpan<byte> frame)
    {
        var hash = 2166136261u;
        if (frame.Length >= 14)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
            var ip = frame[14..];
            if (type == 0x0800 && ip.Length >= 20)
            {
                var headerLength = (ip[0] & 0xf) * 4;
                var fragment = (BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x3fff) != 0;
                hash = Mix(hash, ip.Slice(9, 1));
                hash = Mix(hash, ip.Slice(12, 8));
                hash = Ports(hash, ip[9], fragment ? [] : ip[Math.Min(headerLength, ip.Length)..]);
            }
            else if (type == 0x86dd && ip.Length >= 40)
            {
                hash = Mix(hash, ip.Slice(6, 1));
                hash = Mix(hash, ip.Slice(8, 32));
                hash = Ports(hash, ip[6], ip[40..]);
            }
        }

        return hash == 0 ? 1 : hash;
    }

    private static uint Ports(uint hash, byte protocol, ReadOnlySpan<byte> transport) =>
        protocol is 6 or 17 && transport.Length >= 4 ? Mix(hash, transport[..4]) : hash;

    private static uint Mix(uint hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
