using System.Buffers.Binary;
using System.Net;
using Ebpf.Core.Abi;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Programs;

namespace Ebpf.Runtime.Tests.Programs;

/// <summary>
/// eBPF for Windows' sock_addr programs (testdata/windows/win_connect.o: its own <c>bpf_sock_addr_t</c>, verdicts and
/// helpers 65536/21) test-run on every engine: redirect by rewriting <c>user_ip4</c>/<c>user_port</c>, reject, proceed.
/// </summary>
public sealed class WindowsSockAddrTestRunTests
{
    public static TheoryData<EngineKind> Engines => WindowsObjects.Engines;

    /// <summary>A <c>bpf_sock_addr_t</c> for a TCP connect to <paramref name="address"/>:<paramref name="port"/>, laid out as <c>ebpf_nethooks.h</c> has it.</summary>
    private static byte[] Connect(IPAddress address, ushort port)
    {
        var context = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(context, 2);          // family = AF_INET
        address.GetAddressBytes().CopyTo(context, 24);                // user_ip4, network order
        BinaryPrimitives.WriteUInt16BigEndian(context.AsSpan(40), port); // user_port, network order
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(44), 6); // protocol = IPPROTO_TCP
        return context;
    }

    /// <summary>The program's <c>struct endpoint</c>: address and port in network order, then the reject flag.</summary>
    private static byte[] Endpoint(IPAddress address, ushort port, ushort reject = 0)
    {
        var bytes = new byte[8];
        address.GetAddressBytes().CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), port);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), reject);
        return bytes;
    }

    [Fact]
    public void The_recv_accept_section_makes_the_object_windows_with_windows_attach_types()
    {
        var spec = ObjectReader.ReadFile(WindowsObjects.PathOf("win_connect.o"));

        Assert.All(spec.Programs, p => Assert.Equal((AbiPlatform.Windows, WindowsProgramType.CgroupSockAddr), (p.Platform, (int)p.Type)));
        Assert.Equal(
            [WindowsAttachType.CgroupInet4Connect, WindowsAttachType.CgroupInet6Connect, WindowsAttachType.CgroupInet4RecvAccept],
            spec.Programs.Select(p => (int)p.ExpectedAttachType!.Value));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_connect4_program_redirects_by_rewriting_user_ip4_and_user_port_and_proceeds_hard(EngineKind engine)
    {
        using var loaded = WindowsObjects.Load("win_connect.o", engine);
        loaded.FindMap("redirects")!.Update(Endpoint(IPAddress.Parse("10.0.0.1"), 80), Endpoint(IPAddress.Loopback, 8080));

        var result = loaded.FindProgram("redirect_v4")!.TestRun(new TestRunOptions(default, Connect(IPAddress.Parse("10.0.0.1"), 80)));

        Assert.Null(result.Fault);
        Assert.Equal(2UL, result.ReturnValue); // BPF_SOCK_ADDR_VERDICT_PROCEED_HARD
        Assert.Equal(Connect(IPAddress.Loopback, 8080), result.ContextOut);
        // bpf_sock_addr_get_current_pid_tgid (65536): no caller in a test run, so this process.
        Assert.Equal((ulong)Environment.ProcessId, loaded.FindMap("last_caller")!.Lookup<uint, ulong>(0) >> 32);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_connect4_program_rejects_a_listed_destination_and_proceeds_soft_for_others(EngineKind engine)
    {
        using var loaded = WindowsObjects.Load("win_connect.o", engine);
        loaded.FindMap("redirects")!.Update(Endpoint(IPAddress.Parse("10.0.0.2"), 22), Endpoint(IPAddress.Any, 0, reject: 1));
        var program = loaded.FindProgram("redirect_v4")!;

        Assert.Equal(0UL, program.TestRun(new TestRunOptions(default, Connect(IPAddress.Parse("10.0.0.2"), 22))).ReturnValue);
        var other = program.TestRun(new TestRunOptions(default, Connect(IPAddress.Parse("10.0.0.3"), 22)));
        Assert.Equal(1UL, other.ReturnValue);
        Assert.Equal(Connect(IPAddress.Parse("10.0.0.3"), 22), other.ContextOut);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_recv_accept_program_calls_bpf_is_current_admin(EngineKind engine)
    {
        using var loaded = WindowsObjects.Load("win_connect.o", engine);

        var result = loaded.FindProgram("admit_v4")!.TestRun(new TestRunOptions(default, Connect(IPAddress.Loopback, 80)));

        // Root is Windows' administrator here: PROCEED_HARD for root, PROCEED_SOFT otherwise.
        Assert.Equal(Environment.UserName == "root" ? 2UL : 1UL, result.ReturnValue);
    }

    [Fact]
    public void An_ipv6_connect_becomes_windows_family_23_and_the_programs_user_fields_go_back_into_the_sockaddr()
    {
        // sockaddr_in6 for [::1]:9 with flow info 5 and scope id 7, which the hook must keep.
        var sockaddr = new byte[28];
        BinaryPrimitives.WriteUInt16LittleEndian(sockaddr, SockAddrFrame.Inet6);
        BinaryPrimitives.WriteUInt16BigEndian(sockaddr.AsSpan(2), 9);
        BinaryPrimitives.WriteUInt32LittleEndian(sockaddr.AsSpan(4), 5);
        IPAddress.IPv6Loopback.GetAddressBytes().CopyTo(sockaddr, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(sockaddr.AsSpan(24), 7);
        using var frame = new WindowsSockAddrFrame();

        Assert.True(frame.Load(sockaddr, [], SockAddrFrame.Inet6, 6));
        var context = frame.ContextBytes;
        Assert.Equal(23u, BinaryPrimitives.ReadUInt32LittleEndian(context));          // Windows' AF_INET6
        Assert.Equal(IPAddress.IPv6Loopback.GetAddressBytes(), context.Slice(24, 16).ToArray());
        Assert.Equal(9, BinaryPrimitives.ReadUInt16BigEndian(context[40..]));
        Assert.Equal(6u, BinaryPrimitives.ReadUInt32LittleEndian(context[44..]));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(context[48..]));     // default compartment

        BinaryPrimitives.WriteUInt16BigEndian(context[40..], 8080);
        frame.Store(sockaddr);
        Assert.Equal(8080, BinaryPrimitives.ReadUInt16BigEndian(sockaddr.AsSpan(2)));
        Assert.Equal((5u, 7u), (BinaryPrimitives.ReadUInt32LittleEndian(sockaddr.AsSpan(4)), BinaryPrimitives.ReadUInt32LittleEndian(sockaddr.AsSpan(24))));
        Assert.False(frame.Load(sockaddr.AsSpan(0, 16), [], SockAddrFrame.Inet6, 6)); // too short for the family
    }

    [Fact]
    public void The_verdicts_name_windows_values_and_only_proceed_values_proceed()
    {
        Assert.Equal("BPF_SOCK_ADDR_VERDICT_REJECT", WindowsSockAddrFrame.VerdictName(0));
        Assert.Equal("BPF_SOCK_ADDR_VERDICT_PROCEED_HARD", WindowsSockAddrFrame.VerdictName(2));
        Assert.Equal([false, true, true, false], new ulong[] { 0, 1, 2, 3 }.Select(WindowsSockAddrFrame.Proceeds));
    }
}
