using Ebpf.Benchmarks.Native;
using Ebpf.Runtime.Native;

namespace Ebpf.Benchmarks;

/// <summary>
/// The benchmark programs compiled ahead of time: Generated/ holds what <c>ebpf compile</c> wrote from each
/// ../shared/bench object and from programs/map_ops.o (committed; a CLI test fails when one is stale), timed as the <c>native</c> engine.
/// </summary>
internal static class NativeObjects
{
    private static readonly Dictionary<string, Func<NativeObject>> ByFile = new(StringComparer.Ordinal)
    {
        ["map_ops.o"] = () => new MapOps(),
        ["xdp_checksum.o"] = () => new XdpChecksum(),
        ["xdp_count_drop.o"] = () => new XdpCountDrop(),
        ["xdp_flow_table.o"] = () => new XdpFlowTable(),
        ["xdp_hash_payload.o"] = () => new XdpHashPayload(),
        ["xdp_lpm_route.o"] = () => new XdpLpmRoute(),
        ["xdp_pass.o"] = () => new XdpPass(),
        ["xdp_prime.o"] = () => new XdpPrime(),
    };

    /// <summary>The generated object of the bench object at <paramref name="path"/>, or null when there is none.</summary>
    public static NativeObject? For(string path) => ByFile.TryGetValue(Path.GetFileName(path), out var create) ? create() : null;
}
