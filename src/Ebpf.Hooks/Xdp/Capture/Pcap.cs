using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Native;

namespace Ebpf.Hooks.Xdp.Capture;

/// <summary>Turns libpcap's failures into diagnostics: the native library missing, or a call refused.</summary>
internal static class Pcap
{
    /// <summary>Runs a libpcap call, reporting a missing library as <see cref="DiagnosticCode.PcapUnavailable"/>.</summary>
    public static T Call<T>(Func<T> call, string path)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            var tried = string.Join(", ", NativeLibraries.Candidates(NativeLibraries.Pcap));
            throw Refuse(DiagnosticCode.PcapUnavailable, path, $"libpcap could not be loaded (tried {tried}): install libpcap0.8, or Npcap on Windows");
        }
    }

    public static DiagnosticException Refuse(DiagnosticCode code, string path, string message) =>
        new([new Diagnostic(code, message, new DiagnosticLocation(File: path))]);

    /// <summary>The text libpcap left in an error buffer.</summary>
    public static unsafe string Text(byte* buffer) =>
        System.Runtime.InteropServices.Marshal.PtrToStringUTF8((IntPtr)buffer) is { Length: > 0 } text ? text : "libpcap gave no reason";
}
