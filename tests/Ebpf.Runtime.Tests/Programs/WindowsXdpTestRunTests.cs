using Ebpf.Core.Abi;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Programs;

/// <summary>
/// eBPF for Windows' XDP programs (testdata/windows: its <c>xdp_md_t</c> with 64-bit pointers, its verdicts from 1, its
/// helper numbers, <c>bpf_xdp_adjust_head</c> as 65536 and <c>bpf_tail_call</c> as 5) test-run on every engine.
/// </summary>
public sealed class WindowsXdpTestRunTests
{
    private static readonly byte[] UdpPacket = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_udp_512.bin"));

    public static TheoryData<EngineKind> Engines => WindowsObjects.Engines;

    [Fact]
    public void The_xdp_test_section_makes_an_object_windows_and_xdp_alone_needs_the_platform()
    {
        var tail = ObjectReader.ReadFile(WindowsObjects.PathOf("win_xdp_tail.o"));
        var xdp = ObjectReader.ReadFile(WindowsObjects.PathOf("win_xdp.o"));

        Assert.All(tail.Programs, p => Assert.Equal((AbiPlatform.Windows, WindowsProgramType.XdpTest), (p.Platform, (int)p.Type)));
        Assert.Equal(WindowsAttachType.XdpTest, (int?)tail.Programs[0].ExpectedAttachType);
        Assert.Equal((AbiPlatform.Linux, ProgramType.Xdp), (xdp.Programs[0].Platform, xdp.Programs[0].Type));
        Assert.Equal(WindowsProgramType.Xdp, (int)ObjectReader.ReadFile(WindowsObjects.PathOf("win_xdp.o"), AbiPlatform.Windows).Programs[0].Type);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_windows_xdp_program_drops_udp_with_windows_verdict_2_and_counts_it(EngineKind engine)
    {
        using var loaded = WindowsObjects.Load("win_xdp.o", engine);

        var result = loaded.FindProgram("drop_udp")!.TestRun(new TestRunOptions(UdpPacket));

        Assert.Null(result.Fault);
        Assert.Equal(2UL, result.ReturnValue); // XDP_DROP in xdp_action_t
        Assert.Equal(UdpPacket, result.DataOut);
        Assert.Equal(1UL, loaded.FindMap("counts")!.Lookup<uint, ulong>(0));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Bpf_xdp_adjust_head_under_number_65536_strips_the_outer_header_and_the_program_sees_the_new_data(EngineKind engine)
    {
        using var loaded = WindowsObjects.Load("win_xdp.o", engine);
        byte[] outer = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x88, 0xB5];

        var result = loaded.FindProgram("drop_udp")!.TestRun(new TestRunOptions(outer.Concat(UdpPacket).ToArray()));

        Assert.Null(result.Fault);
        Assert.Equal(3UL, result.ReturnValue); // XDP_TX
        Assert.Equal(UdpPacket, result.DataOut);
        Assert.Equal(1UL, loaded.FindMap("counts")!.Lookup<uint, ulong>(1));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_xdp_md_t_context_comes_in_with_its_interface_and_queue_and_back_with_its_pointers_zeroed(EngineKind engine)
    {
        using var loaded = WindowsObjects.Load("win_xdp.o", engine);
        var context = new byte[32];
        BitConverter.GetBytes(7u).CopyTo(context, 24); // ingress_ifindex
        BitConverter.GetBytes(3u).CopyTo(context, 28); // rx_queue_index

        var result = loaded.FindProgram("drop_udp")!.TestRun(new TestRunOptions(UdpPacket, context));

        Assert.Equal(context, result.ContextOut);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_tail_call_under_windows_number_5_runs_the_program_in_the_slot(EngineKind engine)
    {
        using var loaded = WindowsObjects.Load("win_xdp_tail.o", engine);
        var dispatch = loaded.FindProgram("dispatch")!;

        // Empty slot: the call fails and the dispatcher passes (XDP_PASS is 1 on Windows).
        Assert.Equal(1UL, dispatch.TestRun(new TestRunOptions(UdpPacket)).ReturnValue);

        Assert.Equal(MapError.None, ((ProgArrayMap)loaded.FindMap("jump")!).Update(0, loaded.FindProgram("drop_all")!));
        Assert.Equal(2UL, dispatch.TestRun(new TestRunOptions(UdpPacket)).ReturnValue);
        Assert.Equal(1UL, loaded.FindMap("dropped")!.Lookup<uint, ulong>(0));
    }

    [Fact]
    public void A_windows_xdp_context_of_the_wrong_size_is_refused()
    {
        using var loaded = WindowsObjects.Load("win_xdp.o", EngineKind.Interpreter);

        var refused = Assert.Throws<Core.Diagnostics.DiagnosticException>(() => loaded.FindProgram("drop_udp")!.TestRun(new TestRunOptions(UdpPacket, new byte[24])));

        Assert.Equal(Core.Diagnostics.DiagnosticCode.InvalidTestRun, Assert.Single(refused.Diagnostics).Code);
    }
}
