using Ebpf.Runtime.Execution;
using Ebpf.Core.Abi;
using Ebpf.Core.Isa.Text;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Helpers;

public sealed class ControlHelperTests
{
    private static readonly byte[] Ipv4Packet = File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_udp_512.bin"));

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_tail_call_runs_the_program_in_the_slot_instead_of_the_caller(EngineKind engine)
    {
        using var loaded = LoadedObject.Load(ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "bpf", "tail_calls.o")), new LoadOptions(engine));
        var dispatch = loaded.FindProgram("xdp_dispatch")!;
        var handled = loaded.FindMap("handled")!;

        // Empty slot: the tail call fails and the dispatcher returns XDP_PASS itself.
        Assert.Equal(2UL, dispatch.TestRun(new TestRunOptions(Ipv4Packet)).ReturnValue);
        Assert.Equal(0UL, handled.Lookup<uint, ulong>(0));

        Assert.Equal(MapError.None, ((ProgArrayMap)loaded.FindMap("jmp_table")!).Update(0, loaded.FindProgram("xdp_handle_ipv4")!));
        Assert.Equal(2UL, dispatch.TestRun(new TestRunOptions(Ipv4Packet)).ReturnValue);
        Assert.Equal(1UL, handled.Lookup<uint, ulong>(0));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Tail_calls_stop_after_thirty_three_as_in_Linux(EngineKind engine)
    {
        // A program that counts its runs in map 1 and tail-calls slot 0 of map 0: itself.
        var slots = Assembler.Assemble("""
            mov %r6, %r1
            stw [%r10-4], 0
            lddw %r1, map_idx 1
            mov %r2, %r10
            add %r2, -4
            call 1
            jeq %r0, 0, out
            mov %r1, 1
            lock add [%r0], %r1
            out:
            mov %r1, %r6
            lddw %r2, map_idx 0
            mov %r3, 0
            call 12
            mov %r0, 2
            exit
            """);
        var program = new ProgramSpec("self", "xdp", ProgramType.Xdp, AttachType.Xdp, null, slots, [new("self", 0, slots.Length)], [.. new SourceLine?[slots.Length]]);
        var spec = new ObjectSpec("chain", "GPL", null, [program],
            [new MapSpec("jmp", MapType.ProgArray, 4, 4, 1, MapFlags.None), new MapSpec("runs", MapType.Array, 4, 8, 1, MapFlags.None)], []);
        using var loaded = LoadedObject.Load(spec, new LoadOptions(engine));
        ((ProgArrayMap)loaded.Maps[0]).Update(0, loaded.Programs[0]);
        var result = loaded.Programs[0].TestRun(new TestRunOptions(Ipv4Packet));
        Assert.Null(result.Fault);
        Assert.Equal(2UL, result.ReturnValue);
        Assert.Equal(1UL + 33, loaded.Maps[1].Lookup<uint, ulong>(0));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Loop_calls_back_until_the_callback_asks_to_stop(EngineKind engine)
    {
        // bpf_loop(100, cb, &sum on the stack, 0); cb adds its index to *ctx and stops after index 9.
        var slots = Assembler.Assemble("""
            stdw [%r10-8], 0
            mov %r1, 100
            lddw %r2, func 9
            mov %r3, %r10
            add %r3, -8
            mov %r4, 0
            call 181
            ldxdw %r1, [%r10-8]
            lsh %r0, 32
            or %r0, %r1
            exit
            ldxdw %r3, [%r2]
            add %r3, %r1
            stxdw [%r2], %r3
            mov %r0, 0
            jne %r1, 9, +1
            mov %r0, 1
            exit
            """);
        var program = new ProgramSpec("looper", "xdp", ProgramType.Xdp, AttachType.Xdp, null, slots,
            [new("looper", 0, 12), new("cb", 12, slots.Length - 12)], [.. new SourceLine?[slots.Length]]);
        using var loaded = LoadedObject.Load(new ObjectSpec("loop", "GPL", null, [program], [], []), new LoadOptions(engine));
        var result = loaded.Programs[0].TestRun(new TestRunOptions(Ipv4Packet));
        Assert.Null(result.Fault);
        Assert.Equal((10UL << 32) | 45, result.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void For_each_map_elem_visits_every_element_with_its_key_and_value(EngineKind engine)
    {
        var slots = Assembler.Assemble("""
            stdw [%r10-8], 0
            lddw %r1, map_idx 0
            lddw %r2, func 9
            mov %r3, %r10
            add %r3, -8
            mov %r4, 0
            call 164
            ldxdw %r1, [%r10-8]
            lsh %r0, 32
            or %r0, %r1
            exit
            ldxdw %r5, [%r3]
            ldxw %r2, [%r2]
            mul %r5, %r2
            ldxdw %r1, [%r4]
            add %r1, %r5
            stxdw [%r4], %r1
            mov %r0, 0
            exit
            """);
        var program = new ProgramSpec("walk", "xdp", ProgramType.Xdp, AttachType.Xdp, null, slots,
            [new("walk", 0, 13), new("cb", 13, slots.Length - 13)], [.. new SourceLine?[slots.Length]]);
        var spec = new ObjectSpec("walk", "GPL", null, [program], [new MapSpec("values", MapType.Array, 4, 8, 4, MapFlags.None)], []);
        using var loaded = LoadedObject.Load(spec, new LoadOptions(engine));
        for (uint i = 0; i < 4; i++)
        {
            loaded.Maps[0].Update<uint, ulong>(i, 10 * (i + 1));
        }

        var result = loaded.Programs[0].TestRun(new TestRunOptions(Ipv4Packet));
        Assert.Null(result.Fault);
        // Four elements visited; the sum of key * value: 0*10 + 1*20 + 2*30 + 3*40.
        Assert.Equal((4UL << 32) | 200, result.ReturnValue);
    }
}
