using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Tests.Xdp.Live;
using Ebpf.Service.Contracts;

namespace Ebpf.Service.Tests.Persistence;

/// <summary>XDP links of pinned programs come back after a restart, or are listed as detached with the reason when their interface is gone.</summary>
public sealed class LinkRestoreTests
{
    [NamespaceFact]
    public async Task An_xdp_link_of_a_pinned_program_is_attached_again_after_a_restart_and_sees_traffic()
    {
        await using var service = await TestService.StartAsync();
        using var pair = new NamespacePair();
        var programPin = Objects.PinPath("linked");
        using (var host = service.Connect())
        {
            var loaded = await host.LoadAsync(Objects.Load(Objects.CountDrop, programPin));
            await host.AttachXdpAsync(new AttachXdpRequest(loaded.Programs[0].Id, pair.Outside(1)));
        }

        await service.RestartAsync();

        using var after = service.Connect();
        var link = Assert.Single(await after.LinksAsync());
        Assert.Null(link.Detached);
        Assert.Equal(pair.Outside(1), link.Interface);
        Assert.Equal((await after.PinnedAsync(programPin)).Id, link.ProgramId);

        // UDP from the first namespace crosses the re-attached program, which drops it; a static neighbour lets frames leave without an ARP answer.
        Testing.ExternalTool.Run("ip", ["netns", "exec", pair.Prefix + "ns1", "ip", "neigh", "replace", NamespacePair.Second.ToString(), "lladdr", "02:00:00:00:00:02", "dev", pair.Prefix + "a1"]);
        using var socket = pair.SocketIn(1, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var watch = Stopwatch.StartNew();
        do
        {
            socket.SendTo(new byte[32], new IPEndPoint(NamespacePair.Second, 9999));
            await Task.Delay(50);
            link = Assert.Single(await after.LinksAsync());
        }
        while (link.Dropped == 0 && watch.Elapsed < TimeSpan.FromSeconds(20));

        Assert.True(link.Dropped > 0, "the re-attached program saw no UDP");
    }

    [NamespaceFact]
    public async Task A_link_whose_interface_is_gone_is_listed_detached_with_the_reason_until_detached()
    {
        await using var service = await TestService.StartAsync();
        var programPin = Objects.PinPath("orphan");
        string device;
        using (var pair = new NamespacePair())
        {
            device = pair.Outside(2);
            using var host = service.Connect();
            var loaded = await host.LoadAsync(Objects.Load(Objects.CountDrop, programPin));
            await host.AttachXdpAsync(new AttachXdpRequest(loaded.Programs[0].Id, device));
        }

        await service.RestartAsync();

        using (var after = service.Connect())
        {
            var link = Assert.Single(await after.LinksAsync());
            Assert.Equal((int)DiagnosticCode.ServiceLinkNotRestored, link.Detached?.Code);
            Assert.Contains(device, link.Detached!.Message, StringComparison.Ordinal);
            Assert.Equal((await after.PinnedAsync(programPin)).Id, link.ProgramId);

            // Still recorded: another start tries again (and fails again) until a client forgets it.
            await service.RestartAsync();
        }

        using (var again = service.Connect())
        {
            var link = Assert.Single(await again.LinksAsync());
            Assert.NotNull(link.Detached);
            await again.DetachAsync(link.Id);
            Assert.Empty(await again.LinksAsync());
        }

        await service.RestartAsync();
        using var last = service.Connect();
        Assert.Empty(await last.LinksAsync());
    }
}
