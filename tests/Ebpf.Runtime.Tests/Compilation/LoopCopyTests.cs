using Ebpf.Core.Isa;
using Ebpf.Runtime.Compilation;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Tests.Interpretation;

namespace Ebpf.Runtime.Tests.Compilation;

/// <summary>Small innermost loops are emitted twice (<see cref="LoopCopies"/>) and compute what they computed once.</summary>
public sealed class LoopCopyTests
{
    // xdp_checksum's loop (its data and data_end read as 64-bit pointers here): 16-bit big-endian words summed while
    // both the packet and the 1,024-byte bound allow.
    private const string Checksum = """
        mov %r0, 0
        ldxdw %r2, [%r1+8]
        ldxdw %r3, [%r1]
        mov %r4, 1022
        mov %r1, 0
        mov %r5, %r0
        mov %r0, %r3
        add %r0, %r5
        mov %r6, %r0
        add %r6, 2
        jgt %r6, %r2, +9
        ldxb %r6, [%r0+1]
        ldxb %r7, [%r0]
        lsh %r7, 8
        or %r7, %r6
        add %r7, %r1
        mov %r0, %r5
        add %r0, 2
        mov %r1, %r7
        jgt %r4, %r5, -15
        mov %r0, %r1
        exit
        """;

    [Fact]
    public void A_small_loop_is_emitted_twice_and_sums_odd_and_even_trip_counts_as_the_interpreter_does()
    {
        var program = ProgramRunner.Decode(Checksum);
        var loops = LoopCopies.Find(program, FunctionLayout.Reachable(program, 0));
        Assert.Equal(new Dictionary<int, int> { [5] = 19 }, loops);
        var listing = JitProgram.Compile(program, HelperTable.Empty, recordListing: true).Listing!;
        Assert.Contains("5 to 19, the loop's second copy", listing, StringComparison.Ordinal);

        // 0 to 9 words, plus an odd byte: every exit of either copy, after an odd or an even number of trips.
        for (var length = 0; length <= 19; length++)
        {
            var packet = Enumerable.Range(0, length).Select(i => (byte)(i * 37 + 11)).ToArray();
            var expected = 0UL;
            for (var i = 0; i + 2 <= length; i += 2)
            {
                expected += (ulong)((packet[i] << 8) | packet[i + 1]);
            }

            Assert.Equal(expected, RunOnPacket(program, packet));
        }
    }

    [Fact]
    public void With_a_budget_both_copies_count_as_the_interpreter_counts()
    {
        // Three trips of a two-instruction body: the budget ends it in the first copy, then in the second.
        const string Loop = "mov %r0, 0\nmov %r1, 3\nadd %r0, 5\nsub %r1, 1\njne %r1, 0, -3\nexit";
        foreach (var budget in new long[] { 3, 5, 7, 9, 11, 12 })
        {
            ProgramRunner.Run(Loop, options: new ExecutionOptions(InstructionBudget: budget));
        }

        Assert.Equal(15UL, ProgramRunner.Returns(Loop));
    }

    [Theory]
    [InlineData("entered in its middle", "mov %r0, 0\nmov %r1, 3\njeq %r2, 0, +1\nadd %r0, 5\nadd %r0, 1\nsub %r1, 1\njne %r1, 0, -4\nexit")]
    [InlineData("holding a call", "mov %r6, 3\ncall 1\nsub %r6, 1\njne %r6, 0, -3\nexit")]
    [InlineData("holding a loop", "mov %r0, 0\nmov %r1, 3\nmov %r2, 2\nadd %r0, 1\nsub %r2, 1\njne %r2, 0, -3\nsub %r1, 1\njne %r1, 0, -6\nexit")]
    public void A_loop_is_emitted_once_when_it_is(string why, string assembly)
    {
        var program = ProgramRunner.Decode(assembly);
        var loops = LoopCopies.Find(program, FunctionLayout.Reachable(program, 0));
        var outer = why == "holding a loop" ? new Dictionary<int, int> { [3] = 5 } : [];
        Assert.Equal(outer, loops);
    }

    [Fact]
    public void The_random_differential_programs_hold_loops_the_jit_emits_twice()
    {
        var copied = 0;
        for (var seed = 0; seed < 100; seed++)
        {
            var code = new RandomPrograms(new Random(seed)).Generate(40, 0x1000);
            Assert.True(ProgramDecoder.TryDecode(code.ToArray(), out var program, out _));
            copied += LoopCopies.Find(program!, FunctionLayout.Reachable(program!, 0)).Count;
        }

        // About half the programs have a loop, and most of those hold no call.
        Assert.InRange(copied, 20, 100);
    }

    private static ulong RunOnPacket(DecodedProgram program, byte[] packet)
    {
        ulong? result = null;
        foreach (var engine in Engines.Available)
        {
            using var buffer = new NativeBuffer(packet.Length == 0 ? [0] : packet);
            using var context = new NativeBuffer(new byte[16]);
            var start = buffer.AsRegion("pkt").Start;
            BitConverter.TryWriteBytes(context.Span, start);
            BitConverter.TryWriteBytes(context.Span[8..], start + (ulong)packet.Length);
            var request = ExecutionRequest.ForMemory(context.AsRegion("ctx")) with { Regions = [context.AsRegion("ctx"), buffer.AsRegion("pkt")] };
            var run = Engines.Prepare(engine, program, HelperTable.Empty, ExecutionOptions.Default with { Checked = false }).Run(request);
            Assert.True(run.Succeeded, run.Fault?.ToString());
            Assert.Equal(result ?? run.ReturnValue, run.ReturnValue);
            result = run.ReturnValue;
        }

        return result!.Value;
    }
}
