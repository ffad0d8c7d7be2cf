using Ebpf.Core.Diagnostics;
using Ebpf.Service.Contracts;

namespace Ebpf.Service.Tests.Hosting;

/// <summary>The host contract, in-process and through the service: the same calls give the same results and the same codes.</summary>
public sealed class HostTests
{
    [Theory]
    [MemberData(nameof(HostKind.All), MemberType = typeof(HostKind))]
    public async Task Loading_a_benchmark_object_verifies_its_program_and_lists_it_with_its_map(string kind)
    {
        await using var lease = await HostKind.OpenAsync(kind);
        var loaded = await lease.Host.LoadAsync(Objects.Load(Objects.CountDrop));

        var program = Assert.Single(loaded.Programs);
        Assert.Equal(("count_and_drop_udp", "xdp", true), (program.Name, program.Type, program.Verified));
        var map = Assert.Single(loaded.Maps, m => m.Name == "proto_count");
        Assert.Equal(("array", 4u, 8u, 256u), (map.Type, map.KeySize, map.ValueSize, map.MaxEntries));
        Assert.Contains(map.Id, program.MapIds);
        Assert.Contains(await lease.Host.ProgramsAsync(), p => p.Id == program.Id);
        Assert.Equal(program, await lease.Host.ProgramAsync(program.Id), ProgramComparer);
    }

    [Theory]
    [MemberData(nameof(HostKind.All), MemberType = typeof(HostKind))]
    public async Task A_test_run_drops_udp_and_counts_it_in_the_map_a_lookup_reads(string kind)
    {
        await using var lease = await HostKind.OpenAsync(kind);
        var loaded = await lease.Host.LoadAsync(Objects.Load(Objects.CountDrop));
        var program = loaded.Programs[0].Id;
        var map = loaded.Maps.Single(m => m.Name == "proto_count").Id;

        var udp = await lease.Host.RunAsync(program, new RunProgramRequest(Objects.Ipv4Frame(17), Repeat: 3));
        var tcp = await lease.Host.RunAsync(program, new RunProgramRequest(Objects.Ipv4Frame(6)));

        Assert.Equal((1ul, 2ul), (udp.ReturnValue, tcp.ReturnValue)); // XDP_DROP, XDP_PASS
        Assert.Equal(3ul, BitConverter.ToUInt64(await lease.Host.LookupAsync(map, Objects.U32(17))));
        Assert.Equal(1ul, BitConverter.ToUInt64(await lease.Host.LookupAsync(map, Objects.U32(6))));
    }

    [Theory]
    [MemberData(nameof(HostKind.All), MemberType = typeof(HostKind))]
    public async Task Updates_are_read_back_and_the_program_counts_on_from_the_written_value(string kind)
    {
        await using var lease = await HostKind.OpenAsync(kind);
        var loaded = await lease.Host.LoadAsync(Objects.Load(Objects.CountDrop));
        var map = loaded.Maps.Single(m => m.Name == "proto_count").Id;

        await lease.Host.UpdateAsync(map, new MapUpdateRequest(Objects.U32(17), Objects.U64(1000)));
        await lease.Host.RunAsync(loaded.Programs[0].Id, new RunProgramRequest(Objects.Ipv4Frame(17)));

        Assert.Equal(1001ul, BitConverter.ToUInt64(await lease.Host.LookupAsync(map, Objects.U32(17))));
        var dump = await lease.Host.DumpAsync(map);
        Assert.Equal(256, dump.Length);
        Assert.Equal(1001ul, BitConverter.ToUInt64(dump.Single(e => BitConverter.ToUInt32(e.Key) == 17).Value));
    }

    [Theory]
    [MemberData(nameof(HostKind.All), MemberType = typeof(HostKind))]
    public async Task Map_errors_carry_linux_errno_and_bad_sizes_are_malformed_requests(string kind)
    {
        await using var lease = await HostKind.OpenAsync(kind);
        var loaded = await lease.Host.LoadAsync(Objects.Load(Objects.CountDrop));
        var map = loaded.Maps.Single(m => m.Name == "proto_count").Id;

        var delete = await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.DeleteAsync(map, Objects.U32(1)));
        var outOfRange = await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.UpdateAsync(map, new MapUpdateRequest(Objects.U32(256), Objects.U64(1))));
        var shortKey = await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.LookupAsync(map, [1, 2]));
        var noMap = await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.LookupAsync(999_999, Objects.U32(1)));

        Assert.Equal(DiagnosticCode.ServiceMapOperationFailed, Assert.Single(delete.Diagnostics).Code);
        Assert.Contains("EINVAL", delete.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("E2BIG", outOfRange.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCode.ServiceRequestMalformed, shortKey.Diagnostics[0].Code);
        Assert.Equal(DiagnosticCode.ServiceObjectNotFound, noMap.Diagnostics[0].Code);
    }

    [Theory]
    [MemberData(nameof(HostKind.All), MemberType = typeof(HostKind))]
    public async Task Get_next_key_walks_a_created_hash_map_and_ends_with_null(string kind)
    {
        await using var lease = await HostKind.OpenAsync(kind);
        var map = await lease.Host.CreateMapAsync(new CreateMapRequest("flows", "hash", 4, 8, 16));
        foreach (var key in new uint[] { 7, 9, 11 })
        {
            await lease.Host.UpdateAsync(map.Id, new MapUpdateRequest(Objects.U32(key), Objects.U64(key * 10)));
        }

        var seen = new List<uint>();
        for (var key = await lease.Host.NextKeyAsync(map.Id, null); key is not null; key = await lease.Host.NextKeyAsync(map.Id, key))
        {
            seen.Add(BitConverter.ToUInt32(key));
        }

        Assert.Equal([7u, 9u, 11u], seen.Order());
        Assert.Equal(("flows", "hash"), (map.Name, map.Type));
        var noExist = await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.UpdateAsync(map.Id, new MapUpdateRequest(Objects.U32(7), Objects.U64(1), Flags: 1)));
        Assert.Contains("EEXIST", noExist.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostKind.All), MemberType = typeof(HostKind))]
    public async Task Pins_name_objects_once_and_keep_maps_after_their_program_is_unloaded(string kind)
    {
        await using var lease = await HostKind.OpenAsync(kind);
        var programPin = Objects.PinPath("prog");
        var folder = Path.GetDirectoryName(programPin)!;
        var loaded = await lease.Host.LoadAsync(Objects.Load(Objects.CountDrop, programPin, folder + "/maps"));
        var map = loaded.Maps.Single(m => m.Name == "proto_count");

        Assert.Equal(new PinInfo(programPin, PinInfo.ProgramKind, loaded.Programs[0].Id), await lease.Host.PinnedAsync(programPin));
        Assert.Equal(PinInfo.MapKind, (await lease.Host.PinnedAsync(folder + "/maps/proto_count")).Kind);
        var twice = await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.PinAsync(new PinRequest(programPin, PinInfo.MapKind, map.Id)));
        var relative = await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.PinAsync(new PinRequest("sys/fs/bpf/x", PinInfo.MapKind, map.Id)));
        Assert.Equal(DiagnosticCode.ServicePinRefused, twice.Diagnostics[0].Code);
        Assert.Equal(DiagnosticCode.ServicePinRefused, relative.Diagnostics[0].Code);

        await lease.Host.UpdateAsync(map.Id, new MapUpdateRequest(Objects.U32(6), Objects.U64(42)));
        await lease.Host.UnloadProgramAsync(loaded.Programs[0].Id);

        Assert.Equal(DiagnosticCode.ServiceObjectNotFound, (await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.PinnedAsync(programPin))).Diagnostics[0].Code);
        Assert.Equal(42ul, BitConverter.ToUInt64(await lease.Host.LookupAsync(map.Id, Objects.U32(6))));
        await lease.Host.UnpinAsync(folder + "/maps/proto_count");
        Assert.Equal(DiagnosticCode.ServiceObjectNotFound, (await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.MapAsync(map.Id))).Diagnostics[0].Code);
    }

    [Theory]
    [MemberData(nameof(HostKind.All), MemberType = typeof(HostKind))]
    public async Task Xlated_names_the_map_and_a_bad_object_is_refused_with_the_readers_code(string kind)
    {
        await using var lease = await HostKind.OpenAsync(kind);
        var loaded = await lease.Host.LoadAsync(Objects.Load(Objects.CountDrop));

        var xlated = await lease.Host.XlatedAsync(loaded.Programs[0].Id);
        var refused = await Assert.ThrowsAsync<DiagnosticException>(() => lease.Host.LoadAsync(new LoadObjectRequest("junk.o", [1, 2, 3])));

        Assert.Contains(xlated.Lines, l => l.Contains("map[proto_count]", StringComparison.Ordinal) || l.Contains("proto_count", StringComparison.Ordinal));
        Assert.Contains(xlated.Lines, l => l.StartsWith("int count_and_drop_udp", StringComparison.Ordinal));
        Assert.InRange((int)refused.Diagnostics[0].Code, 4000, 4199);
    }

    private static readonly IEqualityComparer<ProgramInfo> ProgramComparer = EqualityComparer<ProgramInfo>.Create(
        (a, b) => a!.Id == b!.Id && a.Name == b.Name && a.Type == b.Type && a.MapIds.SequenceEqual(b.MapIds), p => (int)p.Id);
}
