using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Programs;
using Ebpf.Runtime.Tests.Interpretation;

namespace Ebpf.Runtime.Tests.Programs;

public sealed class XdpTestRunTests
{
    private static IExecutable Prepare(string assembly) =>
        Engines.Prepare(EngineKind.Interpreter, ProgramRunner.Decode(assembly), LinuxHelpers.Table);

    private static readonly byte[] Packet = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    [Fact]
    public void The_program_reads_the_packet_through_the_32_bit_context_fields()
    {
        // r0 = data_end - data, read as the C code would through struct xdp_md.
        var program = Prepare("ldxw %r2, [%r1]\nldxw %r3, [%r1+4]\nmov %r0, %r3\nsub %r0, %r2\nexit");
        var result = TestRun.Run(program, ProgramType.Xdp, new TestRunOptions(Packet));
        Assert.Null(result.Fault);
        Assert.Equal(64UL, result.ReturnValue);
        Assert.Equal(Packet, result.DataOut);
    }

    [Fact]
    public void Writes_to_the_packet_come_back_in_data_out()
    {
        var program = Prepare("ldxw %r2, [%r1]\nstb [%r2+3], 0xee\nmov %r0, 2\nexit");
        var result = TestRun.Run(program, ProgramType.Xdp, new TestRunOptions(Packet));
        Assert.Equal(0xee, result.DataOut[3]);
        Assert.Equal(2UL, result.ReturnValue);
    }

    [Fact]
    public void Adjusting_the_head_and_tail_changes_what_comes_out()
    {
        // bpf_xdp_adjust_head(ctx, 14) then bpf_xdp_adjust_tail(ctx, -10).
        var program = Prepare("mov %r6, %r1\nmov %r2, 14\ncall 44\nmov %r1, %r6\nmov %r2, -10\ncall 65\nmov %r0, 2\nexit");
        var result = TestRun.Run(program, ProgramType.Xdp, new TestRunOptions(Packet));
        Assert.Null(result.Fault);
        Assert.Equal(Packet[14..54], result.DataOut);
    }

    [Fact]
    public void Head_adjustments_that_leave_the_frame_fail_with_einval()
    {
        var program = Prepare("mov %r2, -1000\ncall 44\nexit");
        Assert.Equal(unchecked((ulong)-22L), TestRun.Run(program, ProgramType.Xdp, new TestRunOptions(Packet)).ReturnValue);
    }

    [Fact]
    public void Reading_past_data_end_is_caught_in_checked_mode()
    {
        var program = Prepare("ldxw %r2, [%r1]\nldxb %r0, [%r2+4000]\nexit");
        var result = TestRun.Run(program, ProgramType.Xdp, new TestRunOptions(Packet));
        Assert.Equal(DiagnosticCode.OutOfBoundsAccess, result.Fault!.Code);
    }

    [Fact]
    public void The_context_is_read_only()
    {
        var program = Prepare("stw [%r1], 0\nmov %r0, 2\nexit");
        Assert.Equal(DiagnosticCode.ReadOnlyWrite, TestRun.Run(program, ProgramType.Xdp, new TestRunOptions(Packet)).Fault!.Code);
    }

    [Fact]
    public void Packets_shorter_than_an_ethernet_header_are_refused()
    {
        var program = Prepare("mov %r0, 2\nexit");
        var refused = Assert.Throws<DiagnosticException>(() => TestRun.Run(program, ProgramType.Xdp, new TestRunOptions(new byte[10])));
        Assert.Equal(DiagnosticCode.InvalidTestRun, Assert.Single(refused.Diagnostics).Code);
    }

    [Fact]
    public void Repeats_run_on_the_same_frame_and_average_the_time()
    {
        var program = Prepare("mov %r6, %r1\nmov %r2, 1\ncall 44\nmov %r0, 2\nexit");
        var result = TestRun.Run(program, ProgramType.Xdp, new TestRunOptions(Packet, Repeat: 10));
        Assert.Equal(Packet[10..], result.DataOut);
        Assert.True(result.AverageNanoseconds > 0);
    }
}
