using Ebpf.Core.Diagnostics;
using Ebpf.Service.Contracts;
using Ebpf.Service.Tests.Processes;

namespace Ebpf.Service.Tests.Persistence;

/// <summary>What survives a restart: pins, map contents, and pinned programs verified and loaded again.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task After_a_clean_restart_pins_map_contents_and_verified_programs_are_back_and_unpinned_ones_are_not()
    {
        await using var service = await TestService.StartAsync();
        var programPin = Objects.PinPath("prog");
        var mapPin = Path.GetDirectoryName(programPin) + "/proto_count";
        using (var host = service.Connect())
        {
            var loaded = await host.LoadAsync(Objects.Load(Objects.CountDrop, programPin));
            await host.PinAsync(new PinRequest(mapPin, PinInfo.MapKind, loaded.Maps[0].Id));
            await host.UpdateAsync(loaded.Maps[0].Id, new MapUpdateRequest(Objects.U32(6), Objects.U64(42)));
            await host.LoadAsync(Objects.Load(Objects.CountDrop)); // never pinned: gone after the restart
        }

        await service.RestartAsync();

        using var after = service.Connect();
        var program = await after.ProgramAsync((await after.PinnedAsync(programPin)).Id);
        var map = (await after.PinnedAsync(mapPin)).Id;
        Assert.True(program.Verified);
        Assert.Contains(map, program.MapIds);
        Assert.Single(await after.ProgramsAsync());
        Assert.Equal(42ul, BitConverter.ToUInt64(await after.LookupAsync(map, Objects.U32(6))));
        await after.RunAsync(program.Id, new RunProgramRequest(Objects.Ipv4Frame(6)));
        Assert.Equal(43ul, BitConverter.ToUInt64(await after.LookupAsync(map, Objects.U32(6))));
    }

    [Fact]
    public async Task Unpinned_things_are_forgotten_by_the_next_start()
    {
        await using var service = await TestService.StartAsync();
        var pin = Objects.PinPath("created");
        using (var host = service.Connect())
        {
            var map = await host.CreateMapAsync(new CreateMapRequest("scratch", "hash", 4, 4, 8));
            await host.PinAsync(new PinRequest(pin, PinInfo.MapKind, map.Id));
            await host.UnpinAsync(pin);
        }

        await service.RestartAsync();

        using var after = service.Connect();
        Assert.Empty(await after.MapsAsync());
        Assert.Equal(DiagnosticCode.ServiceObjectNotFound, (await Assert.ThrowsAsync<DiagnosticException>(() => after.PinnedAsync(pin))).Diagnostics[0].Code);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(service.StateDirectory, "maps")));
    }

    [Fact]
    public void After_SIGKILL_every_acknowledged_update_of_a_created_hash_map_is_back()
    {
        var folder = TestService.NewFolder();
        var pin = Objects.PinPath("flows");
        using (var daemon = EbpfdProcess.Start(folder))
        {
            Ok(Binaries.Cli(daemon.SocketPath, "map", "create", pin, "type", "hash", "key", "4", "value", "8", "entries", "64", "name", "flows"));
            for (var key = 0; key < 8; key++)
            {
                Ok(Binaries.Cli(daemon.SocketPath, ["map", "update", "pinned", pin, "key", .. Bytes(key, 4), "value", .. Bytes(key * 1000, 8)]));
            }

            Ok(Binaries.Cli(daemon.SocketPath, ["map", "delete", "pinned", pin, "key", .. Bytes(3, 4)]));
            daemon.Kill();
        }

        ToolResult dump;
        using (var restarted = EbpfdProcess.Start(folder))
        {
            dump = Ok(Binaries.Cli(restarted.SocketPath, "map", "dump", "pinned", pin));
        }

        TestService.DeleteFolder(folder);

        Assert.Contains("Found 7 elements", dump.Output, StringComparison.Ordinal);
        Assert.Contains("key: 07 00 00 00  value: 58 1b 00 00 00 00 00 00", dump.Output, StringComparison.Ordinal); // 7 -> 7000 = 0x1b58
        Assert.DoesNotContain("key: 03 00 00 00", dump.Output, StringComparison.Ordinal);
    }

    private static string[] Bytes(int value, int size) => [.. BitConverter.GetBytes((long)value).Take(size).Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    internal static ToolResult Ok(ToolResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
