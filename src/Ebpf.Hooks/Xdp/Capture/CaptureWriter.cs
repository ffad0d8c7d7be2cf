using System.Runtime.InteropServices;
using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Native;

namespace Ebpf.Hooks.Xdp.Capture;

/// <summary>Writes Ethernet packets to a pcap file through libpcap (<c>pcap_open_dead</c>, <c>pcap_dump_open</c>, <c>pcap_dump</c>).</summary>
public sealed unsafe class CaptureWriter : IDisposable
{
    /// <summary>The snapshot length written in the file header: libpcap's default, larger than any XDP frame.</summary>
    public const int SnapLength = 262144;

    private IntPtr _dead;
    private IntPtr _dumper;

    private CaptureWriter(IntPtr dead, IntPtr dumper, string path)
    {
        _dead = dead;
        _dumper = dumper;
        Path = path;
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Creates (or replaces) a pcap file for Ethernet frames.</summary>
    /// <exception cref="DiagnosticException">The file cannot be created, or libpcap is not installed.</exception>
    public static CaptureWriter Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Pcap.Call(() =>
        {
            var dead = PcapNative.OpenDead(PcapNative.LinkTypeEthernet, SnapLength);
            if (dead == IntPtr.Zero)
            {
                throw Pcap.Refuse(DiagnosticCode.CaptureWriteFailed, path, "libpcap could not make a handle to write with");
            }

            var dumper = PcapNative.DumpOpen(dead, path);
            if (dumper == IntPtr.Zero)
            {
                var reason = PcapNative.LastError(dead);
                PcapNative.Close(dead);
                throw Pcap.Refuse(DiagnosticCode.CaptureWriteFailed, path, $"cannot create the capture: {reason}");
            }

            return new CaptureWriter(dead, dumper, path);
        }, path);
    }

    /// <summary>Appends a packet.</summary>
    /// <param name="packet">Its bytes.</param>
    /// <param name="length">Its length on the wire (at least <paramref name="packet"/>'s length).</param>
    /// <param name="timestamp">When it was captured.</param>
    public void Write(ReadOnlySpan<byte> packet, int length, PacketTimestamp timestamp)
    {
        ObjectDisposedException.ThrowIf(_dumper == IntPtr.Zero, this);
        var header = new PcapNative.PacketHeader
        {
            Seconds = new CLong(checked((nint)timestamp.Seconds)),
            Microseconds = new CLong((nint)timestamp.Microseconds),
            CapturedLength = (uint)packet.Length,
            Length = (uint)Math.Max(length, packet.Length),
        };
        fixed (byte* data = packet)
        {
            PcapNative.Dump(_dumper, &header, data);
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        if (_dumper != IntPtr.Zero)
        {
            PcapNative.DumpClose(_dumper);
            PcapNative.Close(_dead);
            _dumper = IntPtr.Zero;
            _dead = IntPtr.Zero;
        }
    }
}
