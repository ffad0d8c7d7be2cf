using System.Reflection;
using System.Runtime.InteropServices;

namespace Ebpf.Hooks.Native;

/// <summary>
/// Resolves the native libraries this assembly imports by their logical names to each platform's file:
/// <c>pcap</c> is Debian's <c>libpcap.so.0.8</c> (other distributions ship <c>libpcap.so.1</c>), Npcap's
/// <c>wpcap.dll</c> on Windows and <c>libpcap.dylib</c> on macOS; <c>libc</c> is glibc's <c>libc.so.6</c>.
/// </summary>
internal static class NativeLibraries
{
    public const string Pcap = "pcap";
    public const string Libc = "libc";

    private static int _registered;

    /// <summary>Installs the resolver once per process; every class with imports calls it from its static constructor.</summary>
    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
        }
    }

    /// <summary>The file names to try for a logical name on this OS, in order.</summary>
    internal static IEnumerable<string> Candidates(string name) => name switch
    {
        Pcap when OperatingSystem.IsWindows() => [Path.Combine(Environment.SystemDirectory, "Npcap", "wpcap.dll"), "wpcap.dll"],
        Pcap when OperatingSystem.IsMacOS() => ["libpcap.dylib", "libpcap.A.dylib"],
        Pcap => ["libpcap.so.0.8", "libpcap.so.1", "libpcap.so"],
        Libc when OperatingSystem.IsLinux() => ["libc.so.6", "libc"],
        _ => [name],
    };

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        foreach (var candidate in Candidates(name))
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
