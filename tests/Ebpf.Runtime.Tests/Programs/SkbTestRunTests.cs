using System.Buffers.Binary;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Programs;
using Ebpf.Runtime.Tests.Interpretation;

namespace Ebpf.Runtime.Tests.Programs;

/// <summary>
/// Socket filter, tc and raw tracepoint test runs, on every engine. The expected values are Linux 6.18's for the
/// same input (bpftool prog run, and net/bpf/test_run.c): CorpusDifferentialTests checks them against the kernel
/// where it can; these hold where it cannot.
/// </summary>
public sealed class SkbTestRunTests
{
    private static IExecutable Prepare(string assembly, EngineKind engine) =>
        Engines.Prepare(engine, ProgramRunner.Decode(assembly), LinuxHelpers.Table);

    public static TheoryData<EngineKind> AllEngines => [.. Engines.Available];

    /// <summary>An Ethernet frame to 02:00:00:00:00:02 carrying IPv4 (a TCP header after 20 bytes), 64 bytes in all.</summary>
    private static byte[] Ipv4Frame()
    {
        var frame = new byte[64];
        frame[0] = 2;
        frame[5] = 2;
        frame[12] = 0x08;
        frame[14] = 0x45;
        frame[15 + 7] = 64;   // TTL
        frame[15 + 8] = 6;    // TCP
        frame[14 + 12] = 10;
        frame[14 + 19] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14 + 10), Rfc1071(frame.AsSpan(14, 20)));
        return frame;
    }

    /// <summary>The Internet checksum of RFC 1071, from scratch.</summary>
    private static ushort Rfc1071(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_socket_filter_sees_the_packet_from_its_network_header_and_gets_the_ethernet_header_back_zeroed(EngineKind engine)
    {
        // r0 = skb->len + (first byte from bpf_skb_load_bytes(skb, 0, fp-8, 1) << 16)
        var program = Prepare("""
            mov %r6, %r1
            mov %r2, 0
            mov %r3, %r10
            add %r3, -8
            mov %r4, 1
            call 26
            ldxb %r0, [%r10-8]
            lsh %r0, 16
            ldxw %r1, [%r6]
            add %r0, %r1
            exit
            """, engine);
        var frame = Ipv4Frame();
        var result = TestRun.Run(program, ProgramType.SocketFilter, new TestRunOptions(frame));
        Assert.Null(result.Fault);
        Assert.Equal((0x45UL << 16) + 50, result.ReturnValue);
        Assert.Equal([.. new byte[14], .. frame[14..]], result.DataOut);
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void Legacy_loads_of_a_socket_filter_reach_the_link_layer_and_network_headers(EngineKind engine)
    {
        // EtherType at SKF_LL_OFF + 12, protocol at SKF_NET_OFF + 9, first byte at 0: 0x0800, 6 and 0x45.
        var program = Prepare("""
            mov %r6, %r1
            ldabsh -2097140
            mov %r7, %r0
            ldabsb -1048567
            lsh %r7, 8
            add %r7, %r0
            ldabsb 0
            lsh %r7, 8
            add %r0, %r7
            exit
            """, engine);
        var result = TestRun.Run(program, ProgramType.SocketFilter, new TestRunOptions(Ipv4Frame()));
        Assert.Null(result.Fault);
        Assert.Equal(0x08_00_06_45UL, result.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_tc_program_reads_the_whole_frame_directly_and_its_context_as_the_loopback_device_fills_it(EngineKind engine)
    {
        // r0 = (data_end - data) | protocol << 16 | pkt_type << 32 | ifindex << 40
        var program = Prepare("""
            ldxw %r2, [%r1+76]
            ldxw %r0, [%r1+80]
            sub %r0, %r2
            ldxw %r3, [%r1+16]
            lsh %r3, 16
            or %r0, %r3
            ldxw %r3, [%r1+4]
            lsh %r3, 32
            or %r0, %r3
            ldxw %r3, [%r1+40]
            lsh %r3, 40
            or %r0, %r3
            exit
            """, engine);
        var result = TestRun.Run(program, ProgramType.SchedCls, new TestRunOptions(Ipv4Frame()));
        Assert.Null(result.Fault);
        Assert.Equal(64UL | (0x0008UL << 16) | (3UL << 32) | (1UL << 40), result.ReturnValue);
        Assert.Equal(Ipv4Frame(), result.DataOut);
    }

    /// <summary>Linux 6.18 gives these for bpftool prog run on the same frames: loopback's own and broadcast addresses are zero.</summary>
    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0 }, 0u)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 2u)]
    [InlineData(new byte[] { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 }, 2u)]
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 }, 3u)]
    public void The_packet_type_is_what_the_loopback_device_makes_of_the_destination(byte[] destination, uint packetType)
    {
        var frame = Ipv4Frame();
        destination.CopyTo(frame, 0);
        var result = TestRun.Run(Prepare("ldxw %r0, [%r1+4]\nexit", EngineKind.Interpreter), ProgramType.SchedCls, new TestRunOptions(frame));
        Assert.Equal(packetType, result.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void Rewriting_the_ttl_with_l3_csum_replace_leaves_a_valid_ip_checksum(EngineKind engine)
    {
        // old = *(u16 *)(data + 22); new = old with TTL 32; bpf_skb_store_bytes(skb, 22, &new, 2, 0);
        // bpf_l3_csum_replace(skb, 24, old, new, 2)
        var program = Prepare("""
            mov %r6, %r1
            ldxw %r2, [%r6+76]
            ldxh %r7, [%r2+22]
            mov %r8, %r7
            and %r8, 0xff00
            or %r8, 0x20
            stxh [%r10-2], %r8
            mov %r1, %r6
            mov %r2, 22
            mov %r3, %r10
            add %r3, -2
            mov %r4, 2
            mov %r5, 0
            call 9
            mov %r1, %r6
            mov %r2, 24
            mov %r3, %r7
            mov %r4, %r8
            mov %r5, 2
            call 10
            exit
            """, engine);
        var result = TestRun.Run(program, ProgramType.SchedCls, new TestRunOptions(Ipv4Frame()));
        Assert.Null(result.Fault);
        Assert.Equal(0UL, result.ReturnValue);
        Assert.Equal(32, result.DataOut[22]);
        Assert.NotEqual(Ipv4Frame()[24..26], result.DataOut[24..26]);
        Assert.Equal(0, Rfc1071(result.DataOut.AsSpan(14, 20))); // a header with a right checksum sums to 0xffff
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_tc_redirect_records_the_interface_and_bad_flags_drop_the_packet(EngineKind engine)
    {
        var redirect = TestRun.Run(Prepare("mov %r1, 4\nmov %r2, 1\ncall 23\nexit", engine), ProgramType.SchedCls, new TestRunOptions(Ipv4Frame()));
        Assert.Equal(7UL, redirect.ReturnValue);
        Assert.Equal(4u, redirect.Redirect?.Ifindex);
        Assert.Equal(1UL, redirect.Redirect?.Flags);

        var shot = TestRun.Run(Prepare("mov %r1, 4\nmov %r2, 2\ncall 23\nexit", engine), ProgramType.SchedCls, new TestRunOptions(Ipv4Frame()));
        Assert.Equal(2UL, shot.ReturnValue);
        Assert.Null(shot.Redirect);
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void The_context_given_comes_back_with_what_the_program_wrote(EngineKind engine)
    {
        // skb->mark = skb->mark + 1; skb->cb[1] = wire_len
        var program = Prepare("ldxw %r2, [%r1+8]\nadd %r2, 1\nstxw [%r1+8], %r2\nldxw %r2, [%r1+160]\nstxw [%r1+52], %r2\nmov %r0, 0\nexit", engine);
        var context = new byte[SkbFrame.ContextSize];
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(8), 41);
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(176), 100);
        var result = TestRun.Run(program, ProgramType.SchedCls, new TestRunOptions(Ipv4Frame(), context));
        Assert.Null(result.Fault);
        Assert.Equal(42u, BinaryPrimitives.ReadUInt32LittleEndian(result.ContextOut.AsSpan(8)));
        Assert.Equal(64u, BinaryPrimitives.ReadUInt32LittleEndian(result.ContextOut.AsSpan(52)));
        Assert.Equal(64u, BinaryPrimitives.ReadUInt32LittleEndian(result.ContextOut.AsSpan(160)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(result.ContextOut.AsSpan(40)));
        Assert.Equal(100u, BinaryPrimitives.ReadUInt32LittleEndian(result.ContextOut.AsSpan(176)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(result.ContextOut));
    }

    [Theory]
    [InlineData(0)]    // len
    [InlineData(68)]   // hash
    [InlineData(76)]   // data
    [InlineData(168)]  // sk
    public void A_context_with_a_field_the_test_run_does_not_accept_is_refused(int offset)
    {
        var program = Prepare("mov %r0, 0\nexit", EngineKind.Interpreter);
        var context = new byte[SkbFrame.ContextSize];
        context[offset] = 1;
        var refused = Assert.Throws<DiagnosticException>(() => TestRun.Run(program, ProgramType.SchedCls, new TestRunOptions(Ipv4Frame(), context)));
        Assert.Equal(DiagnosticCode.InvalidTestRun, Assert.Single(refused.Diagnostics).Code);
    }

    [Fact]
    public void A_packet_shorter_than_an_ethernet_header_is_refused()
    {
        var program = Prepare("mov %r0, 0\nexit", EngineKind.Interpreter);
        Assert.Throws<DiagnosticException>(() => TestRun.Run(program, ProgramType.SocketFilter, new TestRunOptions(new byte[13])));
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_raw_tracepoint_reads_its_arguments_from_the_context(EngineKind engine)
    {
        var program = Prepare("ldxdw %r0, [%r1+8]\nldxdw %r2, [%r1]\nadd %r0, %r2\nexit", engine);
        byte[] arguments = [.. BitConverter.GetBytes(40UL), .. BitConverter.GetBytes(2UL)];
        var result = TestRun.Run(program, ProgramType.RawTracepoint, new TestRunOptions(default, arguments));
        Assert.Null(result.Fault);
        Assert.Equal(42UL, result.ReturnValue);
    }

    [Fact]
    public void A_raw_tracepoint_takes_no_packet_and_at_most_twelve_arguments()
    {
        var program = Prepare("mov %r0, 0\nexit", EngineKind.Interpreter);
        Assert.Throws<DiagnosticException>(() => TestRun.Run(program, ProgramType.RawTracepoint, new TestRunOptions(new byte[14])));
        Assert.Throws<DiagnosticException>(() => TestRun.Run(program, ProgramType.RawTracepoint, new TestRunOptions(default, new byte[104])));
    }

    [Fact]
    public void Reading_past_the_raw_tracepoint_arguments_given_is_caught_in_checked_mode()
    {
        var program = Prepare("ldxdw %r0, [%r1+16]\nexit", EngineKind.Interpreter);
        var result = TestRun.Run(program, ProgramType.RawTracepoint, new TestRunOptions(default, new byte[16]));
        Assert.Equal(DiagnosticCode.OutOfBoundsAccess, result.Fault?.Code);
    }
}
