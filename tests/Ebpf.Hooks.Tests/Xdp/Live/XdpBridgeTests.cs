using Ebpf.Hooks.Xdp;
using Ebpf.Hooks.Xdp.Live;
using Ebpf.Runtime.Execution;
using Ebpf.Testing;

namespace Ebpf.Hooks.Tests.Xdp.Live;

/// <summary>
/// Two namespaces joined only through an <see cref="XdpLink"/> bridging their outside ends: what the program
/// passes crosses, what it drops does not, and its maps count what was sent.
/// </summary>
[Collection(NamespaceCollection.Name)]
public sealed class XdpBridgeTests
{
    [NamespaceFact]
    public void Ping_crosses_the_bridge_udp_does_not_and_the_maps_count_both()
    {
        using var pair = new NamespacePair();
        Assert.Equal(0, Traffic.Ping(pair, 1));
        pair.ForgetNeighbours();

        using var loaded = TestObjects.Load(TestObjects.DropUdp, EngineKind.Interpreter);
        using (var link = XdpLink.Attach(loaded.Programs[0], new XdpAttachOptions(pair.Outside(1)) { Peer = pair.Outside(2), Workers = 2 }))
        {
            Assert.Equal(5, Traffic.Ping(pair, 5));
            Assert.Equal(0, Traffic.Udp(pair, 7));

            // Read while attached: the maps are live.
            var counts = loaded.FindMap("proto_count")!;
            var counters = link.Counters;
            var seen = $"passed {counters.Verdicts.PacketsOf(XdpAction.Pass)}, dropped {counters.Verdicts.PacketsOf(XdpAction.Drop)}, from the peer {counters.FromPeer}";
            Assert.True(counts.Lookup<uint, ulong>(1) == 5, $"ICMP counted {counts.Lookup<uint, ulong>(1)}; {seen}");
            Assert.True(counts.Lookup<uint, ulong>(17) == 7, $"UDP counted {counts.Lookup<uint, ulong>(17)}; {seen}");
            Assert.Equal(7, counters.Verdicts.PacketsOf(XdpAction.Drop));
            Assert.True(counters.Verdicts.PacketsOf(XdpAction.Pass) >= 5, $"{counters.Verdicts.PacketsOf(XdpAction.Pass)} frames passed");
            Assert.True(counters.FromPeer >= 5, $"{counters.FromPeer} frames came back from the peer");
            Assert.Equal(0, counters.SendErrors);
        }

        Assert.Equal(0, Traffic.Ping(pair, 1));
    }

    [NamespaceFact]
    public void Udp_crosses_a_bridge_whose_program_passes_it()
    {
        using var pair = new NamespacePair();
        using var loaded = TestObjects.Load(Path.Combine(RepositoryPaths.Shared, "bench", "xdp_pass.o"), EngineKind.Interpreter);
        using var link = XdpLink.Attach(loaded.Programs[0], new XdpAttachOptions(pair.Outside(1)) { Peer = pair.Outside(2) });
        Assert.Equal(7, Traffic.Udp(pair, 7));
    }
}

/// <summary>Namespace tests run one at a time: they share the machine's interfaces and its two cores.</summary>
[CollectionDefinition(Name)]
public sealed class NamespaceCollection
{
    public const string Name = "network namespaces";
}
