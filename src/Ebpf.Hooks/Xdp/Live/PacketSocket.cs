using System.Runtime.InteropServices;
using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Native;

namespace Ebpf.Hooks.Xdp.Live;

/// <summary>
/// A Linux packet socket (<c>AF_PACKET</c>, <c>SOCK_RAW</c>): whole Ethernet frames in and out of an interface.
/// Receivers see only frames arriving on their interface (<c>PACKET_IGNORE_OUTGOING</c>: never what this or
/// any socket sends, so a bridge cannot loop on its own output), in promiscuous mode, and may share the
/// interface with other workers through <c>PACKET_FANOUT</c>. Senders receive nothing.
/// </summary>
internal sealed unsafe class PacketSocket : IDisposable
{
    private int _fd;

    private PacketSocket(int fd) => _fd = fd;

    /// <summary>The fanout group this receiver is in, or -1.</summary>
    public int FanoutGroup { get; private set; } = -1;

    /// <summary>Opens a receiver on <paramref name="ifindex"/>: <paramref name="fanoutGroup"/> -1 alone, 0 in a new fanout group, above 0 in that group.</summary>
    /// <exception cref="DiagnosticException">A call failed (not Linux, not root, no such interface).</exception>
    public static PacketSocket OpenReceiver(uint ifindex, int fanoutGroup, TimeSpan receiveTimeout)
    {
        // Protocol 0 until bind: a socket opened with ETH_P_ALL would queue frames of every interface meanwhile.
        var socket = Open(0);
        try
        {
            var address = new LinuxNative.LinkAddress
            {
                Family = LinuxNative.AddressFamilyPacket,
                Protocol = LinuxNative.ToNetwork(LinuxNative.EtherTypeAll),
                Ifindex = (int)ifindex,
            };
            Check(LinuxNative.Bind(socket._fd, &address, sizeof(LinuxNative.LinkAddress)), "bind");
            var one = 1;
            Check(LinuxNative.SetSocketOption(socket._fd, LinuxNative.SolPacket, LinuxNative.PacketIgnoreOutgoing, &one, sizeof(int)), "setsockopt(PACKET_IGNORE_OUTGOING)");
            var membership = new LinuxNative.Membership { Ifindex = (int)ifindex, Type = LinuxNative.MembershipPromiscuous };
            Check(LinuxNative.SetSocketOption(socket._fd, LinuxNative.SolPacket, LinuxNative.PacketAddMembership, &membership, sizeof(LinuxNative.Membership)), "setsockopt(PACKET_ADD_MEMBERSHIP)");
            var timeout = new LinuxNative.TimeValue { Seconds = (long)receiveTimeout.TotalSeconds, Microseconds = receiveTimeout.Microseconds + (receiveTimeout.Milliseconds * 1000L) };
            Check(LinuxNative.SetSocketOption(socket._fd, LinuxNative.SolSocket, LinuxNative.SoReceiveTimeout, &timeout, sizeof(LinuxNative.TimeValue)), "setsockopt(SO_RCVTIMEO)");
            var buffer = 4 << 20;
            Check(LinuxNative.SetSocketOption(socket._fd, LinuxNative.SolSocket, LinuxNative.SoReceiveBuffer, &buffer, sizeof(int)), "setsockopt(SO_RCVBUF)");
            if (fanoutGroup >= 0)
            {
                // A fanout group receives through its own hook, which ignores outgoing frames only when the group says so.
                // Group 0 asks the kernel for a free id (ids are shared by every process of the namespace), which the
                // group's other sockets then join.
                var flags = LinuxNative.FanoutHash | LinuxNative.FanoutIgnoreOutgoing | (fanoutGroup == 0 ? LinuxNative.FanoutUniqueId : 0);
                var fanout = (fanoutGroup & 0xffff) | (flags << 16);
                Check(LinuxNative.SetSocketOption(socket._fd, LinuxNative.SolPacket, LinuxNative.PacketFanout, &fanout, sizeof(int)), "setsockopt(PACKET_FANOUT)");
                var size = sizeof(int);
                Check(LinuxNative.GetSocketOption(socket._fd, LinuxNative.SolPacket, LinuxNative.PacketFanout, &fanout, &size), "getsockopt(PACKET_FANOUT)");
                socket.FanoutGroup = fanout & 0xffff;
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Opens a socket that only sends, to any interface.</summary>
    public static PacketSocket OpenSender() => Open(0);

    /// <summary>Receives one frame into <paramref name="buffer"/>.</summary>
    /// <returns>The frame's length (more than the buffer when it was cut), 0 when the timeout passed, -1 on error.</returns>
    public int Receive(Span<byte> buffer)
    {
        fixed (byte* data = buffer)
        {
            var length = LinuxNative.Receive(_fd, data, (nuint)buffer.Length, LinuxNative.MessageTruncate);
            if (length >= 0)
            {
                return (int)length;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno is LinuxNative.ErrorAgain or LinuxNative.ErrorInterrupted ? 0 : -1;
        }
    }

    /// <summary>Sends a frame out of <paramref name="ifindex"/>; false when the kernel refused it.</summary>
    public bool Send(ReadOnlySpan<byte> frame, uint ifindex)
    {
        var address = new LinuxNative.LinkAddress
        {
            Family = LinuxNative.AddressFamilyPacket,
            Ifindex = (int)ifindex,
            AddressLength = 6,
        };
        frame[..Math.Min(6, frame.Length)].CopyTo(new Span<byte>(&address.Address, 8));
        fixed (byte* data = frame)
        {
            return LinuxNative.SendTo(_fd, data, (nuint)frame.Length, 0, &address, sizeof(LinuxNative.LinkAddress)) == frame.Length;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_fd > 0)
        {
            LinuxNative.Close(_fd);
            _fd = 0;
        }
    }

    private static PacketSocket Open(ushort protocol)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw Refuse("live XDP attachment uses Linux packet sockets; this system is not Linux");
        }

        var fd = LinuxNative.Socket(LinuxNative.AddressFamilyPacket, LinuxNative.SocketRaw, LinuxNative.ToNetwork(protocol));
        return fd >= 0 ? new PacketSocket(fd) : throw Refuse($"socket(AF_PACKET, SOCK_RAW) failed: {Errno()} (needs root or CAP_NET_RAW)");
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
        {
            throw Refuse($"{call} failed: {Errno()}");
        }
    }

    private static string Errno()
    {
        var errno = Marshal.GetLastPInvokeError();
        return $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
    }

    private static DiagnosticException Refuse(string message) =>
        new([new Diagnostic(DiagnosticCode.PacketSocketFailed, message, new DiagnosticLocation())]);
}
