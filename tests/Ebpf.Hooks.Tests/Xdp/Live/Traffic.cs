using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Ebpf.Hooks.Tests.Xdp.Live;

/// <summary>What the namespace test sends: ICMP echo requests (ping) and UDP datagrams, from namespace 1 to 2.</summary>
internal static class Traffic
{
    /// <summary>Sends <paramref name="count"/> echo requests and returns how many were answered within two seconds each.</summary>
    public static int Ping(NamespacePair pair, int count)
    {
        using var socket = pair.SocketIn(1, AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        socket.ReceiveTimeout = 2000;
        var identifier = (ushort)Environment.ProcessId;
        var answered = 0;
        var buffer = new byte[1500];
        for (ushort sequence = 1; sequence <= count; sequence++)
        {
            socket.SendTo(EchoRequest(identifier, sequence), new IPEndPoint(NamespacePair.Second, 0));
            answered += AwaitReply(socket, buffer, identifier, sequence) ? 1 : 0;
        }

        return answered;
    }

    /// <summary>Sends <paramref name="count"/> datagrams to a socket in namespace 2 and returns how many it received.</summary>
    public static int Udp(NamespacePair pair, int count)
    {
        using var receiver = pair.SocketIn(2, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(NamespacePair.Second, 0));
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        using var sender = pair.SocketIn(1, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // SO_NO_CHECK: no UDP checksum. The veth would leave it for an offload that a frame forwarded
        // through a packet socket never gets, and the receiver would drop the datagram as corrupt.
        sender.SetRawSocketOption(1, 11, BitConverter.GetBytes(1));
        for (var i = 0; i < count; i++)
        {
            sender.SendTo(BitConverter.GetBytes(i), target);
        }

        receiver.ReceiveTimeout = 1000;
        var received = 0;
        var buffer = new byte[64];
        try
        {
            while (received < count)
            {
                receiver.Receive(buffer);
                received++;
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            // Nothing more came within the timeout.
        }

        return received;
    }

    private static bool AwaitReply(Socket socket, byte[] buffer, ushort identifier, ushort sequence)
    {
        try
        {
            while (true)
            {
                var length = socket.Receive(buffer);
                var ip = (buffer[0] & 0xf) * 4;
                if (length >= ip + 8 && buffer[ip] == 0 && BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(ip + 4)) == identifier
                    && BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(ip + 6)) == sequence)
                {
                    return true;
                }
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            return false;
        }
    }

    /// <summary>Type 8, code 0, checksum, identifier, sequence, 32 bytes of payload (RFC 792).</summary>
    private static byte[] EchoRequest(ushort identifier, ushort sequence)
    {
        var message = new byte[40];
        message[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), sequence);
        for (var i = 8; i < message.Length; i++)
        {
            message[i] = (byte)i;
        }

        uint sum = 0;
        for (var i = 0; i < message.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(i));
        }

        sum = (sum >> 16) + (sum & 0xffff);
        sum += sum >> 16;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)~sum);
        return message;
    }
}
