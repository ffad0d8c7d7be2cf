using Ebpf.Service.Contracts;
using Ebpf.Testing;

namespace Ebpf.Service.Tests;

/// <summary>The benchmark objects the tests load, and packets for them.</summary>
internal static class Objects
{
    public static string CountDrop => Path.Combine(RepositoryPaths.Shared, "bench", "xdp_count_drop.o");

    public static LoadObjectRequest Load(string path, string? pinPath = null, string? pinMaps = null) =>
        new(Path.GetFileName(path), File.ReadAllBytes(path), PinPath: pinPath, PinMapsFolder: pinMaps);

    /// <summary>An Ethernet + IPv4 frame of protocol <paramref name="protocol"/> (17 UDP, 6 TCP, 1 ICMP), long enough for the program's checks.</summary>
    public static byte[] Ipv4Frame(byte protocol)
    {
        var frame = new byte[64];
        frame[12] = 0x08;
        frame[13] = 0x00;
        frame[14] = 0x45;
        frame[23] = protocol;
        return frame;
    }

    public static byte[] U32(uint value) => BitConverter.GetBytes(value);

    public static byte[] U64(ulong value) => BitConverter.GetBytes(value);

    /// <summary>A unique pin path, so that tests in parallel and leftovers never collide.</summary>
    public static string PinPath(string name) => $"/sys/fs/bpf/ebpfd-test-{Guid.NewGuid():N}/{name}";
}
