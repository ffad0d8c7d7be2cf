using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Tests.Interpretation;

public sealed class InterpreterTests
{
    [Fact]
    public void Local_calls_preserve_callee_saved_registers_and_have_their_own_stack()
    {
        const string program = """
            mov %r6, 6
            stdw [%r10-8], 42
            mov %r1, 5
            call local f
            ldxdw %r1, [%r10-8]
            add %r0, %r1
            add %r0, %r6
            exit
            f:
            stdw [%r10-8], 1000
            mov %r6, 99
            mov %r0, %r1
            exit
            """;
        Assert.Equal(5UL + 42 + 6, ProgramRunner.Returns(program));
    }

    [Fact]
    public void A_callee_may_write_through_a_pointer_to_its_callers_stack()
    {
        const string program = """
            stdw [%r10-8], 0
            mov %r1, %r10
            add %r1, -8
            call local f
            ldxdw %r0, [%r10-8]
            exit
            f:
            stdw [%r1], 77
            mov %r0, 0
            exit
            """;
        Assert.Equal(77UL, ProgramRunner.Returns(program));
    }

    [Fact]
    public void Helpers_receive_arguments_and_set_r0()
    {
        var helpers = HelperTable.Empty.With(7, "sum", static (_, a, b, c, d, e) => a + b + c + d + e);
        var result = ProgramRunner.Run("mov %r1, 1\nmov %r2, 2\nmov %r3, 3\nmov %r4, 4\nmov %r5, 5\ncall 7\nexit", helpers: helpers);
        Assert.Equal(15UL, result.ReturnValue);
    }

    [Fact]
    public void Stores_reach_the_callers_memory()
    {
        var memory = new byte[8];
        var program = ProgramRunner.Decode("stxdw [%r1], %r2\nmov %r0, 0\nexit");
        using var buffer = new NativeBuffer(memory);
        var result = new Runtime.Interpretation.Interpreter(program, HelperTable.Empty).Run(ExecutionRequest.ForMemory(buffer.AsRegion("mem")));
        Assert.True(result.Succeeded);
        Assert.Equal(8UL, BitConverter.ToUInt64(buffer.Span));
    }

    [Fact]
    public void Atomic_adds_from_many_threads_are_not_lost()
    {
        const int threads = 8;
        const int iterations = 2000;
        var program = ProgramRunner.Decode("mov %r2, 1\nlock add [%r1], %r2\nlock add32 [%r1+8], %r2\nmov %r0, 0\nexit");
        var interpreter = new Runtime.Interpretation.Interpreter(program, HelperTable.Empty);
        using var buffer = new NativeBuffer(16);
        var request = ExecutionRequest.ForMemory(buffer.AsRegion("mem"));
        Parallel.For(0, threads, _ =>
        {
            for (var i = 0; i < iterations; i++)
            {
                Assert.True(interpreter.Run(request).Succeeded);
            }
        });
        Assert.Equal((ulong)(threads * iterations), BitConverter.ToUInt64(buffer.Span));
        Assert.Equal((uint)(threads * iterations), BitConverter.ToUInt32(buffer.Span[8..]));
    }

    [Fact]
    public void Legacy_packet_loads_read_big_endian_and_end_the_program_outside_the_packet()
    {
        var program = ProgramRunner.Decode("mov %r6, 0\nldabsh 2\nmov %r1, 1\nldindb %r1, 3\nexit");
        using var packet = new NativeBuffer([0x00, 0x00, 0x12, 0x34, 0x56]);
        var interpreter = new Runtime.Interpretation.Interpreter(program, HelperTable.Empty);
        var request = ExecutionRequest.WithArguments() with { Packet = packet.AsRegion("packet", writable: false) };
        Assert.Equal(0x56UL, interpreter.Run(request).ReturnValue);

        var outside = ProgramRunner.Decode("mov %r6, 0\nmov %r0, 9\nldabsw 3\nexit");
        var result = new Runtime.Interpretation.Interpreter(outside, HelperTable.Empty).Run(request);
        Assert.True(result.Succeeded);
        Assert.Equal(0UL, result.ReturnValue);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Frames_are_zeroed_on_entry_unless_the_verifier_proved_no_stack_byte_is_read_before_it_is_written(bool verified, bool isChecked)
    {
        // Reads a stack slot, then leaves 42 in it: only an unzeroed frame lets the second run see the first run's 42.
        var program = ProgramRunner.Decode("ldxdw %r0, [%r10-8]\nstdw [%r10-8], 42\nexit");
        var interpreter = new Ebpf.Runtime.Interpretation.Interpreter(program, HelperTable.Empty, ExecutionOptions.Default with { Checked = isChecked, Verified = verified });
        var run = interpreter.Bind(ExecutionRequest.WithArguments());
        Assert.Equal(0UL, run.Run().ReturnValue);
        Assert.Equal(verified ? 42UL : 0UL, run.Run().ReturnValue);
    }
}
