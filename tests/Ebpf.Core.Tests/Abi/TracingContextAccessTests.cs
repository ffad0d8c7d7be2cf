using Ebpf.Core.Abi;

namespace Ebpf.Core.Tests.Abi;

/// <summary>
/// The tracing and sock_ops contexts against the kernel's <c>kprobe_prog_is_valid_access</c>,
/// <c>tp_prog_is_valid_access</c>, <c>pe_prog_is_valid_access</c>, <c>bpf_tracing_ctx_access</c> and
/// <c>sock_ops_is_valid_access</c>, and their helper sets against the <c>*_func_proto</c> functions.
/// </summary>
public sealed class TracingContextAccessTests
{
    private static ProgramTypeDescriptor Type(ProgramType type) => AbiTable.Linux.FindProgramType(type)!;

    private static bool Reads(ProgramType type, int offset, int size) => Type(type).Context.Allows(offset, size, isWrite: false, null);

    private static bool Writes(ProgramType type, int offset, int size) => Type(type).Context.Allows(offset, size, isWrite: true, null);

    [Fact]
    public void A_kprobe_reads_any_register_at_any_aligned_width_and_writes_none()
    {
        Assert.True(Reads(ProgramType.Kprobe, 112, 8)); // rdi, the first argument (PT_REGS_PARM1)
        Assert.True(Reads(ProgramType.Kprobe, 116, 4));
        Assert.True(Reads(ProgramType.Kprobe, 161, 1));
        Assert.False(Reads(ProgramType.Kprobe, 116, 8));
        Assert.False(Reads(ProgramType.Kprobe, 168, 1));
        Assert.False(Writes(ProgramType.Kprobe, 80, 8));
    }

    [Fact]
    public void A_tracepoint_reads_its_record_past_the_common_header_and_below_the_largest_record()
    {
        Assert.False(Reads(ProgramType.Tracepoint, 0, 4));
        Assert.False(Reads(ProgramType.Tracepoint, 4, 4));
        Assert.True(Reads(ProgramType.Tracepoint, 8, 8));
        Assert.True(Reads(ProgramType.Tracepoint, 16, 2));
        Assert.True(Reads(ProgramType.Tracepoint, 8184, 8));
        Assert.False(Reads(ProgramType.Tracepoint, 8192, 1));
        Assert.False(Reads(ProgramType.Tracepoint, 12, 8));
        Assert.False(Writes(ProgramType.Tracepoint, 16, 8));
    }

    [Fact]
    public void A_perf_event_program_reads_registers_whole_and_the_sample_narrow()
    {
        Assert.True(Reads(ProgramType.PerfEvent, 128, 8));
        Assert.False(Reads(ProgramType.PerfEvent, 128, 4));
        Assert.True(Reads(ProgramType.PerfEvent, 168, 4));
        Assert.True(Reads(ProgramType.PerfEvent, 176, 8));
        Assert.False(Reads(ProgramType.PerfEvent, 184, 1));
        Assert.False(Writes(ProgramType.PerfEvent, 168, 8));
    }

    [Fact]
    public void Fentry_arguments_are_twelve_read_only_words_and_the_program_returns_zero()
    {
        var tracing = Type(ProgramType.Tracing);
        Assert.True(Reads(ProgramType.Tracing, 0, 8));
        Assert.True(Reads(ProgramType.Tracing, 88, 8));
        Assert.False(Reads(ProgramType.Tracing, 96, 8));
        Assert.False(Writes(ProgramType.Tracing, 0, 8));
        Assert.True(tracing.HasBtfTypedArguments);
        Assert.Equal(new ValueRange(0, 0), tracing.ReturnValue.RangeFor((int)AttachType.TraceFentry));
        Assert.Equal(new ValueRange(0, 0), tracing.ReturnValue.RangeFor((int)AttachType.TraceFexit));
        Assert.Null(tracing.ReturnValue.RangeFor((int)AttachType.ModifyReturn));
        Assert.False(Type(ProgramType.RawTracepoint).HasBtfTypedArguments);
    }

    [Fact]
    public void Sock_ops_writes_only_reply_and_the_transmit_hash_as_words()
    {
        Assert.True(Writes(ProgramType.SockOps, 4, 4));
        Assert.False(Writes(ProgramType.SockOps, 8, 4));
        Assert.True(Reads(ProgramType.SockOps, 8, 4));
        Assert.True(Writes(ProgramType.SockOps, 164, 4));
        Assert.False(Writes(ProgramType.SockOps, 0, 4));
        Assert.False(Reads(ProgramType.SockOps, 0, 2));
        Assert.True(Reads(ProgramType.SockOps, 212, 1));
        Assert.True(Reads(ProgramType.SockOps, 36, 4));
        Assert.False(Reads(ProgramType.SockOps, 168, 4));
        Assert.Equal(ContextFieldKind.PacketStart, Type(ProgramType.SockOps).Context.Field("skb_data")?.Kind);
        Assert.Equal(new ValueRange(0, 1), Type(ProgramType.SockOps).ReturnValue.RangeFor((int)AttachType.CgroupSockOps));
    }

    [Theory]
    [InlineData(ProgramType.Kprobe)]
    [InlineData(ProgramType.Tracepoint)]
    [InlineData(ProgramType.PerfEvent)]
    [InlineData(ProgramType.RawTracepoint)]
    [InlineData(ProgramType.Tracing)]
    public void Tracing_types_read_kernel_and_user_memory_and_the_stack_but_touch_no_packet(ProgramType type)
    {
        int[] allowed =
        [
            HelperId.ProbeReadKernel, HelperId.ProbeReadUserStr, HelperId.GetCurrentComm, HelperId.GetCurrentTask,
            HelperId.GetStackid, HelperId.GetStack, HelperId.PerfEventOutput, HelperId.RingbufReserve,
        ];
        Assert.All(allowed, id => Assert.True(AbiTable.Linux.IsHelperAllowed(type, id), $"helper {id}"));
        Assert.False(AbiTable.Linux.IsHelperAllowed(type, HelperId.SkbLoadBytes));
        Assert.False(AbiTable.Linux.IsHelperAllowed(type, HelperId.SockOpsCbFlagsSet));
    }

    [Fact]
    public void Only_probes_and_tracing_programs_ask_for_the_probed_function_address()
    {
        Assert.True(AbiTable.Linux.IsHelperAllowed(ProgramType.Kprobe, HelperId.GetFuncIp));
        Assert.True(AbiTable.Linux.IsHelperAllowed(ProgramType.Tracing, HelperId.GetFuncIp));
        Assert.False(AbiTable.Linux.IsHelperAllowed(ProgramType.Tracepoint, HelperId.GetFuncIp));
        Assert.True(AbiTable.Linux.IsHelperAllowed(ProgramType.SockOps, HelperId.SockOpsCbFlagsSet));
        Assert.False(AbiTable.Linux.IsHelperAllowed(ProgramType.SockOps, HelperId.GetStackid));
    }
}
