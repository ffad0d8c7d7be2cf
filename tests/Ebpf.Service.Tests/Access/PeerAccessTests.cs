using Ebpf.Service.Access;
using Ebpf.Service.Contracts;
using Ebpf.Service.Tests.Processes;

namespace Ebpf.Service.Tests.Access;

/// <summary>Who may do what, decided by the socket's peer credentials, with a real second user running the real CLI.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PeerAccessTests
{
    [SecondUserFact]
    public async Task A_user_outside_the_group_may_read_but_is_refused_loading_updating_and_unloading_and_nothing_changes()
    {
        await using var service = await TestService.StartAsync(o => o with { Others = PeerAccess.Read });
        using var root = service.Connect();
        var programPin = Objects.PinPath("prog");
        var mapPin = Path.GetDirectoryName(programPin) + "/proto_count";
        var loaded = await root.LoadAsync(Objects.Load(Objects.CountDrop, programPin));
        await root.PinAsync(new PinRequest(mapPin, PinInfo.MapKind, loaded.Maps[0].Id));
        await root.UpdateAsync(loaded.Maps[0].Id, new MapUpdateRequest(Objects.U32(6), Objects.U64(42)));
        var objectCopy = ReadableCopy(service.Folder, Objects.CountDrop);
        var before = (await root.ProgramsAsync()).Select(p => p.Id).ToArray();

        var load = Binaries.Cli(service.SocketPath, ["prog", "load", objectCopy, Objects.PinPath("other")], TestUser.Ids);
        var update = Binaries.Cli(service.SocketPath, ["map", "update", "pinned", mapPin, "key", "6", "0", "0", "0", "value", "hex", "0100000000000000"], TestUser.Ids);
        var unload = Binaries.Cli(service.SocketPath, ["delete", "program", "pinned", programPin], TestUser.Ids);
        var dump = Binaries.Cli(service.SocketPath, ["map", "dump", "pinned", mapPin], TestUser.Ids);

        foreach (var refused in new[] { load, update, unload })
        {
            Assert.True(refused.ExitCode == 2 && refused.Error.Contains("EBPF7002", StringComparison.Ordinal), refused.ToString());
        }

        Assert.True(dump.ExitCode == 0, dump.ToString());
        Assert.Contains("key: 06 00 00 00  value: 2a 00 00 00 00 00 00 00", dump.Output, StringComparison.Ordinal);
        Assert.Equal(before, (await root.ProgramsAsync()).Select(p => p.Id).ToArray());
        Assert.Equal(42ul, BitConverter.ToUInt64(await root.LookupAsync(loaded.Maps[0].Id, Objects.U32(6))));
        Assert.Equal(programPin, (await root.PinnedAsync(programPin)).Path);
        Assert.Single(await root.ProgramsAsync());
    }

    [SecondUserFact]
    public async Task With_others_set_to_none_a_user_outside_the_group_cannot_even_read()
    {
        await using var service = await TestService.StartAsync(o => o with { Others = PeerAccess.None });

        var show = Binaries.Cli(service.SocketPath, ["map", "show"], TestUser.Ids);
        var rootShow = Binaries.Cli(service.SocketPath, ["map", "show"]);

        Assert.True(show.ExitCode == 2 && show.Error.Contains("EBPF7002", StringComparison.Ordinal), show.ToString());
        Assert.True(rootShow.ExitCode == 0, rootShow.ToString());
    }

    [SecondUserFact]
    public async Task A_member_of_the_configured_group_may_load_and_pin()
    {
        await using var service = await TestService.StartAsync(o => o with { Group = TestUser.Name, Others = PeerAccess.None });
        var objectCopy = ReadableCopy(service.Folder, Objects.CountDrop);
        var pin = Objects.PinPath("member");

        var load = Binaries.Cli(service.SocketPath, ["prog", "load", objectCopy, pin], TestUser.Ids);

        Assert.True(load.ExitCode == 0, load.ToString());
        using var root = service.Connect();
        Assert.Equal(PinInfo.ProgramKind, (await root.PinnedAsync(pin)).Kind);
    }

    /// <summary>The object where the second user can read it (the shared folder may not be readable to it).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string ReadableCopy(string folder, string path)
    {
        var copy = Path.Combine(folder, Path.GetFileName(path));
        File.Copy(path, copy, overwrite: true);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("755", 8));
        return copy;
    }
}
