using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Programs;
using Ebpf.Runtime.Tests.Interpretation;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary><c>bpf_redirect</c> and <c>bpf_redirect_map</c> in XDP test runs; helpers_redirect.c.</summary>
public sealed class RedirectHelperTests
{
    private const ulong XdpDrop = 1;
    private const ulong XdpRedirect = 4;

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Redirect_answers_and_misses_of_a_device_map_return_the_default_action(EngineKind engine)
    {
        using var loaded = Load("helpers_redirect", engine);
        var result = RunOnce(loaded);
        var results = loaded.FindMap("results")!;
        // redirect(1, 0); redirect with flags; misses with XDP_PASS, 0, XDP_TX; unknown flags; broadcast; a key past the end.
        Assert.Equal([4, 0, 2, 0, 3, 0, 4, 1], Enumerable.Range(0, 8).Select(i => S64(results, (uint)i)));
        Assert.Equal(XdpDrop, result.ReturnValue);
        Assert.Null(result.Redirect);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_filled_device_map_slot_is_the_redirect_target(EngineKind engine)
    {
        using var loaded = Load("helpers_redirect", engine);
        var ports = Assert.IsType<DevMap>(loaded.FindMap("tx_ports"));
        Assert.Equal(MapError.None, ports.Update(U32(1), U32(7)));
        var result = RunOnce(loaded);
        Assert.Equal(XdpRedirect, result.ReturnValue);
        Assert.Equal(new XdpRedirect(null, ports, 1, 0), result.Redirect);
        Assert.Equal(7u, ports.Ifindex(result.Redirect!.Key));
    }

    [Fact]
    public void Redirect_records_the_interface()
    {
        var result = RunXdp("mov %r1, 9\nmov %r2, 0\ncall 23\nexit");
        Assert.Equal(XdpRedirect, result.ReturnValue);
        Assert.Equal(new XdpRedirect(9, null, 0, 0), result.Redirect);
    }

    [Fact]
    public void The_last_redirect_call_wins()
    {
        using var ports = Create<DevMap>(MapType.Devmap, 4, 4, 2);
        ports.Update(U32(0), U32(3));
        var hit = RunXdp($"mov %r1, 9\nmov %r2, 0\ncall 23\n{LoadMap(ports)}\nmov %r2, 0\nmov %r3, 0\ncall 51\nexit", ports);
        Assert.Equal(new XdpRedirect(null, ports, 0, 0), hit.Redirect);
        var miss = RunXdp($"mov %r1, 9\nmov %r2, 0\ncall 23\n{LoadMap(ports)}\nmov %r2, 1\nmov %r3, 2\ncall 51\nexit", ports);
        Assert.Equal(2UL, miss.ReturnValue);
        Assert.Null(miss.Redirect);
    }

    [Fact]
    public void Broadcast_redirects_without_an_entry_and_keeps_its_flags()
    {
        using var ports = Create<DevMap>(MapType.Devmap, 4, 4, 2);
        var result = RunXdp($"{LoadMap(ports)}\nmov %r2, 0\nmov %r3, 25\ncall 51\nexit", ports);
        Assert.Equal(XdpRedirect, result.ReturnValue);
        Assert.Equal(new XdpRedirect(null, ports, 0, 25), result.Redirect);
    }

    [Fact]
    public void Only_the_low_32_bits_of_the_key_count()
    {
        using var ports = Create<DevMap>(MapType.Devmap, 4, 4, 2);
        ports.Update(U32(1), U32(3));
        var result = RunXdp($"{LoadMap(ports)}\nlddw %r2, 0x100000001\nmov %r3, 0\ncall 51\nexit", ports);
        Assert.Equal(new XdpRedirect(null, ports, 1, 0), result.Redirect);
    }

    [Fact]
    public void Redirect_map_on_a_map_that_is_no_redirect_target_is_einval()
    {
        using var array = Create(MapType.Array, 4, 4, 2);
        Assert.Equal(unchecked((ulong)-22L), RunXdp($"{LoadMap(array)}\nmov %r2, 0\nmov %r3, 0\ncall 51\nexit", array).ReturnValue);
    }

    [Fact]
    public void Redirect_outside_an_xdp_run_faults()
    {
        var (result, _) = Run("mov %r1, 1\nmov %r2, 0\ncall 23\nexit");
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
    }

    private static TestRunResult RunXdp(string assembly, BpfMap? map = null)
    {
        var program = Engines.Prepare(EngineKind.Interpreter, ProgramRunner.Decode(assembly), LinuxHelpers.Table);
        var result = TestRun.Run(program, ProgramType.Xdp, new TestRunOptions(Packet), map is null ? [] : map.Regions);
        Assert.Null(result.Fault);
        return result;
    }
}
