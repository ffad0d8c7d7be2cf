using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Native;

namespace Ebpf.Hooks.Xdp.Capture;

/// <summary>
/// Reads the packets of a pcap or pcapng file through libpcap (<c>pcap_open_offline</c>, <c>pcap_next_ex</c>).
/// Each packet is handed out as a span over libpcap's buffer, valid until the next read: nothing is copied
/// or allocated per packet.
/// </summary>
public sealed unsafe class CaptureReader : IDisposable
{
    private IntPtr _handle;

    private CaptureReader(IntPtr handle, string path, long length)
    {
        _handle = handle;
        Path = path;
        FileLength = length;
        LinkType = PcapNative.DataLink(handle);
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>The file's size in bytes, for progress.</summary>
    public long FileLength { get; }

    /// <summary>The capture's link type (<c>DLT_*</c>; 1 is Ethernet).</summary>
    public int LinkType { get; }

    /// <summary>Bytes of packet records read so far (headers included): an estimate of the position for progress.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Opens a capture.</summary>
    /// <exception cref="DiagnosticException">The file is missing, not a capture, or libpcap is not installed.</exception>
    public static CaptureReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw Pcap.Refuse(DiagnosticCode.CaptureNotFound, path, "no such capture file");
        }

        var length = new FileInfo(path).Length;
        return Pcap.Call(() =>
        {
            var error = stackalloc byte[PcapNative.ErrorBufferSize];
            error[0] = 0;
            var handle = PcapNative.OpenOffline(path, error);
            return handle == IntPtr.Zero
                ? throw Pcap.Refuse(DiagnosticCode.NotACapture, path, $"not a pcap or pcapng capture: {Pcap.Text(error)}")
                : new CaptureReader(handle, path, length);
        }, path);
    }

    /// <summary>Reads the next packet; false at the end of the file.</summary>
    /// <param name="packet">The captured bytes, valid until the next call.</param>
    /// <param name="length">The packet's length on the wire (more than <paramref name="packet"/>'s when the capture truncated it).</param>
    /// <param name="timestamp">When it was captured.</param>
    /// <exception cref="DiagnosticException">The file is corrupt past this point.</exception>
    public bool Next(out ReadOnlySpan<byte> packet, out int length, out PacketTimestamp timestamp)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        PcapNative.PacketHeader* header;
        byte* data;
        var status = PcapNative.NextEx(_handle, &header, &data);
        if (status != PcapNative.NextPacket)
        {
            packet = default;
            length = 0;
            timestamp = default;
            return status == PcapNative.EndOfFile
                ? false
                : throw Pcap.Refuse(DiagnosticCode.NotACapture, Path, $"the capture is damaged: {PcapNative.LastError(_handle)}");
        }

        packet = new ReadOnlySpan<byte>(data, (int)header->CapturedLength);
        length = (int)header->Length;
        timestamp = new PacketTimestamp(header->Seconds.Value, header->Microseconds.Value);
        BytesRead += 16 + header->CapturedLength;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            PcapNative.Close(_handle);
            _handle = IntPtr.Zero;
        }
    }
}
