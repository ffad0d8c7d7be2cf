using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Api.Tests;

public sealed class BpfObjectTests
{
    private static string Bench(string name) => Path.Combine(RepositoryPaths.Shared, "bench", name);

    private static string Corpus(string name) => Path.Combine(RepositoryPaths.TestData, "bpf", name);

    private static byte[] UdpPacket => File.ReadAllBytes(Bench("pkt_udp_512.bin"));

    [Fact]
    public void Open_load_run_and_read_the_map_as_libbpf_users_do()
    {
        using var obj = BpfObject.Open(Bench("xdp_count_drop.o"));
        Assert.False(obj.IsLoaded);
        obj.Load();
        var program = obj.Program("count_and_drop_udp");
        Assert.Equal(ProgramType.Xdp, program.Type);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1UL, program.TestRun(new TestRunOptions(UdpPacket)).ReturnValue);
        }

        // The program counts packets per IP protocol: three UDP (17) packets.
        Assert.Equal(3UL, obj.Map("proto_count").Lookup<uint, ulong>(17));
    }

    [Fact]
    public void User_space_writes_are_seen_by_the_program()
    {
        using var obj = BpfObject.Open(Bench("xdp_count_drop.o"));
        obj.Load();
        obj.Map("proto_count").Update<uint, ulong>(17, 40);
        obj.Program("count_and_drop_udp").TestRun(new TestRunOptions(UdpPacket));
        Assert.Equal(41UL, obj.Map("proto_count").Lookup<uint, ulong>(17));
    }

    [Fact]
    public void Programs_can_be_left_out_and_maps_resized_before_load()
    {
        using var obj = BpfObject.Open(Corpus("xdp_multi.o"));
        var skipped = obj.Programs[0];
        skipped.AutoLoad = false;
        obj.SetMaxEntries(obj.Spec.Maps[0].Name, 7);
        obj.Load();
        Assert.Null(skipped.Loaded);
        Assert.All(obj.Programs.Skip(1), p => Assert.NotNull(p.Loaded));
        Assert.Equal(7u, obj.Maps[0].MaxEntries);
        Assert.Throws<InvalidOperationException>(() => skipped.AutoLoad = true);
        Assert.Throws<InvalidOperationException>(() => skipped.TestRun(new TestRunOptions(UdpPacket)));
    }

    [Fact]
    public void Pinned_maps_outlive_their_object_until_unpinned()
    {
        var path = $"/test/{Guid.NewGuid():N}/proto_count";
        using (var obj = BpfObject.Open(Bench("xdp_count_drop.o")))
        {
            obj.Load();
            obj.Program("count_and_drop_udp").TestRun(new TestRunOptions(UdpPacket));
            obj.PinMap("proto_count", path);
        }

        var pinned = BpfObject.OpenPinnedMap(path);
        Assert.NotNull(pinned);
        Assert.Equal(1UL, pinned.Lookup<uint, ulong>(17));
        Assert.True(BpfObject.Unpin(path));
        Assert.Null(BpfObject.OpenPinnedMap(path));
        Assert.Throws<ObjectDisposedException>(() => pinned.Lookup<uint, ulong>(17));
    }

    [Fact]
    public void Maps_pinned_by_name_are_shared_between_objects()
    {
        var spec = Elf.ObjectReader.ReadFile(Bench("xdp_count_drop.o"));
        var root = $"/test/{Guid.NewGuid():N}";
        var pinnedSpec = spec with { Maps = [.. spec.Maps.Select(m => m with { Pinning = Core.Specs.MapPinning.ByName })] };
        var options = new Runtime.Loading.LoadOptions { PinRoot = root };
        using var first = Runtime.Loading.LoadedObject.Load(pinnedSpec, options);
        using var second = Runtime.Loading.LoadedObject.Load(pinnedSpec, options);
        Assert.Same(first.FindMap("proto_count"), second.FindMap("proto_count"));

        var resized = pinnedSpec with { Maps = [.. pinnedSpec.Maps.Select(m => m with { MaxEntries = m.MaxEntries + 1 })] };
        var refused = Assert.Throws<DiagnosticException>(() => Runtime.Loading.LoadedObject.Load(resized, options));
        Assert.Equal(DiagnosticCode.PinnedMapMismatch, Assert.Single(refused.Diagnostics).Code);
        Assert.True(BpfObject.Unpin($"{root}/proto_count"));
    }

    [Fact]
    public void A_program_type_without_support_is_refused_with_its_name()
    {
        // sockops.o with its section renamed lwt_in (same length with its NUL): a type the ABI table does not describe.
        var bytes = File.ReadAllBytes(Corpus("sockops.o"));
        var name = "sockops\0"u8.ToArray();
        for (var at = bytes.AsSpan().IndexOf(name); at >= 0; at = bytes.AsSpan().IndexOf(name))
        {
            "lwt_in\0\0"u8.CopyTo(bytes.AsSpan(at));
        }

        using var obj = BpfObject.Open(bytes, "lwt_in.o");
        var refused = Assert.Throws<DiagnosticException>(() => obj.Load());
        Assert.Equal(DiagnosticCode.ProgramTypeNotSupported, Assert.Single(refused.Diagnostics).Code);
    }

    [Fact]
    public void A_malformed_object_is_refused_with_diagnostics()
    {
        var bytes = File.ReadAllBytes(Bench("xdp_pass.o"));
        var refused = Assert.Throws<DiagnosticException>(() => BpfObject.Open(bytes.AsMemory(0, 100), "cut.o"));
        Assert.NotEmpty(refused.Diagnostics);
    }

    [Fact]
    public void A_helper_the_program_type_forbids_is_refused_at_load()
    {
        // bpf_xdp_adjust_head (44) in a socket filter.
        var slots = Core.Isa.Text.Assembler.Assemble("mov %r2, 1\ncall 44\nexit");
        var program = new Core.Specs.ProgramSpec("filter", "socket", ProgramType.SocketFilter, null, null, slots, [new("filter", 0, slots.Length)], [.. new Core.Specs.SourceLine?[slots.Length]]);
        var spec = new Elf.ObjectSpec("hand", "GPL", null, [program], [], []);
        var refused = Assert.Throws<DiagnosticException>(() => Runtime.Loading.LoadedObject.Load(spec));
        Assert.Equal(DiagnosticCode.HelperNotAllowed, Assert.Single(refused.Diagnostics).Code);
        Assert.Equal(1, refused.Diagnostics[0].Location.InstructionIndex);
    }

    [Fact]
    public void Tcp_packets_pass_and_are_counted_under_their_protocol()
    {
        using var obj = BpfObject.Open(Bench("xdp_count_drop.o"));
        obj.Load();
        var tcp = File.ReadAllBytes(Bench("pkt_tcp_64.bin"));
        Assert.Equal(6, tcp[23]); // IPv4 protocol byte: TCP
        Assert.Equal(2UL, obj.Program("count_and_drop_udp").TestRun(new TestRunOptions(tcp)).ReturnValue);
        Assert.Equal(1UL, obj.Map("proto_count").Lookup<uint, ulong>(6));
    }

    [Fact]
    public void Maps_of_maps_start_with_their_declared_inner_maps_and_rodata_is_frozen()
    {
        using var obj = BpfObject.Open(Corpus("map_in_map.o"));
        obj.Load();
        var outer = Assert.IsType<Runtime.Maps.ArrayOfMaps>(obj.Map("outer_arr"));
        Assert.True(outer.TryGetInnerMap(0, out var inner));
        Assert.Same(obj.Map("inner_a"), inner);

        using var globals = BpfObject.Open(Corpus("globals.o"));
        foreach (var program in globals.Programs)
        {
            program.AutoLoad = false;
        }

        globals.Load();
        Assert.True(globals.Map(".rodata").IsFrozen);
        Assert.False(globals.Map(".data").IsFrozen);
    }
}
