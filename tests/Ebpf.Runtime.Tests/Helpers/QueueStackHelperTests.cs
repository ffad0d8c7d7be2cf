using Ebpf.Runtime.Execution;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary><c>bpf_map_push_elem</c>, <c>bpf_map_pop_elem</c> and <c>bpf_map_peek_elem</c>; helpers_maps.c cases 0 to 21.</summary>
public sealed class QueueStackHelperTests
{
    private const long E2big = -7;
    private const long Enoent = -2;
    private const long Einval = -22;

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_queue_pops_in_push_order_refuses_a_fourth_element_and_drops_the_oldest_with_exist(EngineKind engine)
    {
        using var loaded = Load("helpers_maps", engine);
        RunOnce(loaded);
        var results = loaded.FindMap("results")!;
        // Pushes 10, 20, 30; 40 is refused, then pushed with BPF_EXIST over 10; peek and pops see 20, 30, 40.
        Assert.Equal([0, E2big, 0, Einval, 0, 20, 20, 30, 40, Enoent, Enoent], Enumerable.Range(0, 11).Select(i => S64(results, (uint)i)));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_stack_pops_the_newest_first(EngineKind engine)
    {
        using var loaded = Load("helpers_maps", engine);
        RunOnce(loaded);
        var results = loaded.FindMap("results")!;
        Assert.Equal([0, E2big, 0, Einval, 0, 40, 40, 30, 20, Enoent, Enoent], Enumerable.Range(11, 11).Select(i => S64(results, (uint)i)));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Values_a_program_pushes_are_popped_by_user_space_in_order(EngineKind engine)
    {
        using var queue = Create(MapType.Queue, 0, 4, 8);
        foreach (var value in new uint[] { 5, 6, 7 })
        {
            Assert.Equal(0UL, Returns($"mov %r6, %r1\nstw [%r6], {value}\n{LoadMap(queue)}\nmov %r2, %r6\nmov %r3, 0\ncall 87\nexit", engine: engine));
        }

        var popped = new byte[4];
        Assert.Equal([5u, 6u, 7u], Enumerable.Range(0, 3).Select(_ => queue.Pop(popped) == MapError.None ? ReadU32(popped) : 0));
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Pop_writes_the_value_where_the_program_asks(EngineKind engine)
    {
        using var stack = Create(MapType.Stack, 0, 8, 4);
        stack.Push(U64(0x1122334455667788));
        var (result, memory) = Run($"mov %r6, %r1\n{LoadMap(stack)}\nmov %r2, %r6\nadd %r2, 16\ncall 88\nexit", engine: engine);
        Assert.Equal(0UL, result.ReturnValue);
        Assert.Equal(0x1122334455667788UL, ReadU64(memory.AsSpan(16)));
    }

    [Theory]
    [InlineData(87)]
    [InlineData(88)]
    [InlineData(89)]
    public void Queue_helpers_on_a_hash_map_return_einval(int helper)
    {
        using var hash = Create(MapType.Hash, 4, 4, 4);
        Assert.Equal(unchecked((ulong)Einval), Returns($"mov %r6, %r1\n{LoadMap(hash)}\nmov %r2, %r6\nmov %r3, 0\ncall {helper}\nexit"));
    }

    [Theory]
    [InlineData(87, "mov %r2, 8")]
    [InlineData(88, "mov %r2, 8")]
    [InlineData(89, "mov %r2, %r10\nadd %r2, -2")]
    public void A_value_pointer_outside_the_programs_memory_faults_in_checked_runs(int helper, string value)
    {
        using var queue = Create(MapType.Queue, 0, 4, 4);
        queue.Push(U32(1));
        var (result, _) = Run($"{LoadMap(queue)}\n{value}\nmov %r3, 0\ncall {helper}\nexit");
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
    }

    [Fact]
    public void Pop_into_read_only_memory_faults_in_checked_runs()
    {
        using var queue = Create(MapType.Queue, 0, 4, 4);
        using var readOnly = Create(MapType.Array, 4, 4, 1, MapFlags.ReadOnlyProgram);
        queue.Push(U32(1));
        var value = readOnly.Regions[0].Start;
        var (result, _) = Run($"{LoadMap(queue)}\nlddw %r2, 0x{value:x}\ncall 88\nexit", maps: [readOnly]);
        Assert.Equal(DiagnosticCode.HelperFault, result.Fault?.Code);
        Assert.Contains("may not write", result.Fault!.Message, StringComparison.Ordinal);
    }
}
