using System.Runtime.InteropServices;

namespace Ebpf.Hooks.Native;

/// <summary>The glibc calls and constants of Linux packet sockets (<c>packet(7)</c>, <c>linux/if_packet.h</c>).</summary>
internal static unsafe partial class LinuxNative
{
    public const int AddressFamilyPacket = 17;      // AF_PACKET
    public const int SocketRaw = 3;                 // SOCK_RAW
    public const ushort EtherTypeAll = 0x0003;      // ETH_P_ALL, host order
    public const int SolSocket = 1;                 // SOL_SOCKET
    public const int SoReceiveTimeout = 20;         // SO_RCVTIMEO
    public const int SoReceiveBuffer = 8;           // SO_RCVBUF
    public const int SolPacket = 263;               // SOL_PACKET
    public const int PacketAddMembership = 1;       // PACKET_ADD_MEMBERSHIP
    public const int PacketFanout = 18;             // PACKET_FANOUT
    public const int PacketIgnoreOutgoing = 23;     // PACKET_IGNORE_OUTGOING (Linux 4.20)
    public const ushort MembershipPromiscuous = 1;  // PACKET_MR_PROMISC
    public const int FanoutHash = 0;                // PACKET_FANOUT_HASH: one flow stays on one socket
    public const int FanoutUniqueId = 0x2000;       // PACKET_FANOUT_FLAG_UNIQUEID: the kernel picks a free group id
    public const int FanoutIgnoreOutgoing = 0x4000; // PACKET_FANOUT_FLAG_IGNORE_OUTGOING: a group ignores the socket's own option
    public const int MessageTruncate = 0x20;        // MSG_TRUNC: recv returns the frame's real length
    public const int ErrorAgain = 11;               // EAGAIN: the receive timeout passed
    public const int ErrorInterrupted = 4;          // EINTR

    static LinuxNative() => NativeLibraries.EnsureResolver();

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, void* address, int length);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSocketOption(int fd, int level, int name, void* value, int length);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSocketOption(int fd, int level, int name, void* value, int* length);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, byte* buffer, nuint length, int flags, void* address, int addressLength);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint InterfaceIndex(string name);

    /// <summary>Network byte order of a 16-bit value.</summary>
    public static ushort ToNetwork(ushort value) => BitConverter.IsLittleEndian ? (ushort)((value >> 8) | (value << 8)) : value;

    /// <summary><c>struct sockaddr_ll</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LinkAddress
    {
        public ushort Family;
        public ushort Protocol;
        public int Ifindex;
        public ushort HardwareType;
        public byte PacketType;
        public byte AddressLength;
        public ulong Address;
    }

    /// <summary><c>struct packet_mreq</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Membership
    {
        public int Ifindex;
        public ushort Type;
        public ushort AddressLength;
        public ulong Address;
    }

    /// <summary><c>struct timeval</c> on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeValue
    {
        public long Seconds;
        public long Microseconds;
    }
}
