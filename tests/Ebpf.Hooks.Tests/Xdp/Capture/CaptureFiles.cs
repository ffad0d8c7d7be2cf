using System.Buffers.Binary;

namespace Ebpf.Hooks.Tests.Xdp.Capture;

/// <summary>
/// Capture files made by hand from their specifications, independently of libpcap: classic pcap
/// (<c>pcap-savefile(5)</c>) with any link type, and pcapng (section header, interface description and
/// enhanced packet blocks, microsecond timestamps).
/// </summary>
internal static class CaptureFiles
{
    public static void WritePcap(string path, IEnumerable<byte[]> packets, int linkType = 1)
    {
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        stream.Write(header);
        var second = 0u;
        Span<byte> record = stackalloc byte[16];
        foreach (var packet in packets)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, second++);
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packet.Length);
            stream.Write(record);
            stream.Write(packet);
        }
    }

    public static void WritePcapng(string path, IReadOnlyList<(byte[] Packet, long Microseconds)> packets)
    {
        using var stream = File.Create(path);
        Block(stream, 0x0A0D0D0A, body =>
        {
            body.Write(BitConverter.GetBytes(0x1A2B3C4Du));
            body.Write(BitConverter.GetBytes((ushort)1));
            body.Write(BitConverter.GetBytes((ushort)0));
            body.Write(BitConverter.GetBytes(-1L));
        });
        Block(stream, 1, body =>
        {
            body.Write(BitConverter.GetBytes((ushort)1));
            body.Write(BitConverter.GetBytes((ushort)0));
            body.Write(BitConverter.GetBytes(65535u));
        });
        foreach (var (packet, microseconds) in packets)
        {
            Block(stream, 6, body =>
            {
                body.Write(BitConverter.GetBytes(0u));
                body.Write(BitConverter.GetBytes((uint)((ulong)microseconds >> 32)));
                body.Write(BitConverter.GetBytes((uint)microseconds));
                body.Write(BitConverter.GetBytes((uint)packet.Length));
                body.Write(BitConverter.GetBytes((uint)packet.Length));
                body.Write(packet);
                body.Write(new byte[(4 - (packet.Length % 4)) % 4]);
            });
        }
    }

    /// <summary>type, total length, body, total length again.</summary>
    private static void Block(Stream stream, uint type, Action<MemoryStream> write)
    {
        using var body = new MemoryStream();
        write(body);
        var length = (uint)body.Length + 12;
        stream.Write(BitConverter.GetBytes(type));
        stream.Write(BitConverter.GetBytes(length));
        body.WriteTo(stream);
        stream.Write(BitConverter.GetBytes(length));
    }
}
