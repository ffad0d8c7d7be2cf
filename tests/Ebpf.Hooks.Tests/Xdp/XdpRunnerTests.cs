using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Hooks.Xdp;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Testing;

namespace Ebpf.Hooks.Tests.Xdp;

public sealed class XdpRunnerTests
{
    private static readonly byte[] Tcp = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_tcp_64.bin"));
    private static readonly byte[] Udp = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_udp_512.bin"));

    [Theory]
    [MemberData(nameof(TestObjects.AllEngines), MemberType = typeof(TestObjects))]
    public void Verdicts_are_the_programs_and_its_map_counts_every_run(EngineKind engine)
    {
        using var loaded = TestObjects.Load(TestObjects.CountDrop, engine);
        using var runner = new XdpRunner(loaded.Programs[0]);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(XdpAction.Pass, runner.Run(Tcp));
            Assert.Equal(XdpAction.Drop, runner.Run(Udp));
        }

        Assert.Equal(3ul, loaded.FindMap("proto_count")!.Lookup<uint, ulong>(6));
        Assert.Equal(3ul, loaded.FindMap("proto_count")!.Lookup<uint, ulong>(17));
    }

    [Theory]
    [MemberData(nameof(TestObjects.AllEngines), MemberType = typeof(TestObjects))]
    public void The_packet_after_a_run_is_the_one_the_program_left(EngineKind engine)
    {
        using var loaded = TestObjects.Load(TestObjects.Rewrite, engine);
        using var runner = new XdpRunner(loaded.Programs[0]);
        Assert.Equal(XdpAction.Tx, runner.Run(Tcp));
        Assert.Equal([.. Tcp[6..12], .. Tcp[..6], .. Tcp[12..]], runner.Packet.ToArray());

        var evenPort = (byte[])Udp.Clone();
        evenPort[37] = 54; // destination port 54: even, so the tail loses 4 bytes
        Assert.Equal(XdpAction.Pass, runner.Run(evenPort));
        Assert.Equal(evenPort[..^4], runner.Packet.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestObjects.AllEngines), MemberType = typeof(TestObjects))]
    public void A_windows_xdp_program_runs_on_its_own_layout_and_its_verdicts_read_as_linux_actions(EngineKind engine)
    {
        // testdata/windows/win_xdp.o: xdp_md_t with 64-bit pointers; XDP_PASS is 1 and XDP_DROP 2 there.
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "windows", "win_xdp.o"), AbiPlatform.Windows);
        using var loaded = LoadedObject.Load(spec, new LoadOptions(engine));
        using var runner = new XdpRunner(loaded.Programs[0]);

        Assert.Equal(XdpAction.Pass, runner.Run(Tcp));
        Assert.Equal(1ul, runner.ReturnValue);
        Assert.Equal(XdpAction.Drop, runner.Run(Udp));
        Assert.Equal(2ul, runner.ReturnValue);
        Assert.Equal(AbiPlatform.Windows, runner.Frame.Platform);
        runner.Run(Tcp);
        Assert.Equal(Tcp, runner.Packet.ToArray()); // read through the 64-bit data and data_end the frame wrote
    }

    [Theory]
    [MemberData(nameof(TestObjects.AllEngines), MemberType = typeof(TestObjects))]
    public void A_return_value_linux_does_not_know_is_aborted(EngineKind engine)
    {
        using var loaded = TestObjects.Load(TestObjects.Rewrite, engine);
        using var runner = new XdpRunner(loaded.Programs[0]);
        var gre = (byte[])Tcp.Clone();
        gre[23] = 47; // protocol GRE
        gre[22] = 1; // TTL 1: the program returns 9
        Assert.Equal(XdpAction.Aborted, runner.Run(gre));
        Assert.Equal(9ul, runner.ReturnValue);
        Assert.Null(runner.LastFault);
    }

    [Theory]
    [MemberData(nameof(TestObjects.AllEngines), MemberType = typeof(TestObjects))]
    public void A_redirect_leaves_its_target_in_the_frame(EngineKind engine)
    {
        using var loaded = TestObjects.Load(TestObjects.Rewrite, engine);
        using var runner = new XdpRunner(loaded.Programs[0]);
        var icmp = (byte[])Tcp.Clone();
        icmp[23] = 1;
        Assert.Equal(XdpAction.Redirect, runner.Run(icmp));
        Assert.Equal(7u, runner.Frame.RedirectIfindex);
        Assert.Equal(XdpAction.Tx, runner.Run(Tcp));
        Assert.Null(runner.Frame.RedirectIfindex);
    }

    [Theory]
    [InlineData(13, false)]
    [InlineData(14, true)]
    [InlineData(3520, true)]
    [InlineData(3521, false)]
    public void Packets_fit_from_an_ethernet_header_to_a_frames_room(int length, bool fits) =>
        Assert.Equal(fits, XdpRunner.Fits(length));

    [Fact]
    public void A_program_of_another_type_is_refused_with_a_diagnostic()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "bpf", "cgroup_sock_addr.o"));
        using var loaded = LoadedObject.Load(spec);
        var program = loaded.Programs.First(p => p.Type != ProgramType.Xdp);
        var refused = Assert.Throws<DiagnosticException>(() => new XdpRunner(program));
        Assert.Equal(DiagnosticCode.NotAnXdpProgram, Assert.Single(refused.Diagnostics).Code);
    }
}
