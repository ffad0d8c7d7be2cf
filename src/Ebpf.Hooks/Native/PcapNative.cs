using System.Runtime.InteropServices;

namespace Ebpf.Hooks.Native;

/// <summary>The few libpcap calls the capture mode needs (<c>pcap/pcap.h</c>); every handle is a raw pointer.</summary>
internal static unsafe partial class PcapNative
{
    /// <summary><c>PCAP_ERRBUF_SIZE</c>.</summary>
    public const int ErrorBufferSize = 256;

    /// <summary><c>DLT_EN10MB</c>: Ethernet, the only link type XDP programs parse.</summary>
    public const int LinkTypeEthernet = 1;

    /// <summary><c>pcap_next_ex</c>: a packet was read.</summary>
    public const int NextPacket = 1;

    /// <summary><c>pcap_next_ex</c>: no more packets in a savefile (<c>PCAP_ERROR_BREAK</c>).</summary>
    public const int EndOfFile = -2;

    static PcapNative() => NativeLibraries.EnsureResolver();

    [LibraryImport(NativeLibraries.Pcap, EntryPoint = "pcap_open_offline", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr OpenOffline(string path, byte* errorBuffer);

    [LibraryImport(NativeLibraries.Pcap, EntryPoint = "pcap_open_dead")]
    public static partial IntPtr OpenDead(int linkType, int snapLength);

    [LibraryImport(NativeLibraries.Pcap, EntryPoint = "pcap_close")]
    public static partial void Close(IntPtr handle);

    [LibraryImport(NativeLibraries.Pcap, EntryPoint = "pcap_datalink")]
    public static partial int DataLink(IntPtr handle);

    [LibraryImport(NativeLibraries.Pcap, EntryPoint = "pcap_next_ex")]
    public static partial int NextEx(IntPtr handle, PacketHeader** header, byte** data);

    [LibraryImport(NativeLibraries.Pcap, EntryPoint = "pcap_geterr")]
    public static partial byte* GetError(IntPtr handle);

    [LibraryImport(NativeLibraries.Pcap, EntryPoint = "pcap_dump_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr DumpOpen(IntPtr handle, string path);

    [LibraryImport(NativeLibraries.Pcap, EntryPoint = "pcap_dump")]
    public static partial void Dump(IntPtr dumper, PacketHeader* header, byte* data);

    [LibraryImport(NativeLibraries.Pcap, EntryPoint = "pcap_dump_close")]
    public static partial void DumpClose(IntPtr dumper);

    /// <summary>libpcap's message for <paramref name="handle"/>'s last error.</summary>
    public static string LastError(IntPtr handle) => Marshal.PtrToStringUTF8((IntPtr)GetError(handle)) ?? "unknown libpcap error";

    /// <summary>
    /// <c>struct pcap_pkthdr</c>: a <c>struct timeval</c> (two C <c>long</c>s: 64-bit on Linux and macOS, 32-bit on
    /// Windows, hence <see cref="CLong"/>), then the captured and the original length.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PacketHeader
    {
        public CLong Seconds;
        public CLong Microseconds;
        public uint CapturedLength;
        public uint Length;
    }
}
