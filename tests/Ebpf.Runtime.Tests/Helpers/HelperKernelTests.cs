using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Tests.Kernel;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary>The helper test programs run in the Linux kernel (bpftool prog run) and here: the same results.</summary>
public sealed class HelperKernelTests
{
    [KernelFact]
    public void Map_ring_buffer_string_and_clock_cases_equal_the_kernels() => AssertSameMaps("helpers_maps", "results");

    /// <summary>Runs the object's program once here and in the kernel and compares r0 and the named array maps.</summary>
    internal static void AssertSameMaps(string name, params string[] maps)
    {
        var packet = Path.GetTempFileName();
        File.WriteAllBytes(packet, Packet);
        var kernel = KernelOracle.Run(ObjectPath(name), packet);
        File.Delete(packet);
        using var loaded = Load(name);
        var ours = RunOnce(loaded);
        Assert.Equal(kernel.Result, ours.ReturnValue);
        foreach (var map in maps)
        {
            var entries = MapEntries.Read(loaded.FindMap(map)!)!.ToDictionary(e => Hex(e.Key), e => Hex(e.Value), StringComparer.Ordinal);
            foreach (var (key, value) in kernel.Maps[map])
            {
                Assert.True(value == entries[key], $"{map}[{key}]: the kernel has {value}, we have {entries[key]}");
            }

            Assert.Equal(kernel.Maps[map].Count, entries.Count);
        }
    }

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A fact skipped, with the reason, where the kernel cannot be the oracle.</summary>
internal sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute() => Skip = KernelOracle.Unavailable;
}
