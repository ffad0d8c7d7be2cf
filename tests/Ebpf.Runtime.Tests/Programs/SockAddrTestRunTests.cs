using System.Buffers.Binary;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Programs;

/// <summary>
/// Socket address programs (testdata/sockets/sock_policy.o) in the test run, our extension (Linux's test run refuses
/// the type), and in <see cref="SockAddrFrame"/>, which builds <c>bpf_sock_addr</c> from a <c>sockaddr</c> and back.
/// </summary>
public sealed class SockAddrTestRunTests
{
    public static TheoryData<EngineKind> AllEngines => [.. Engines.Available];

    private static LoadedObject Load(EngineKind engine) =>
        LoadedObject.Load(ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "sock_policy.o")), new LoadOptions(engine));

    /// <summary>A <c>bpf_sock_addr</c> for a TCP bind of 0.0.0.0:<paramref name="port"/>, laid out as <c>linux/bpf.h</c> has it.</summary>
    private static byte[] BindContext(ushort port)
    {
        var context = new byte[72];
        BinaryPrimitives.WriteUInt32LittleEndian(context, 2);               // user_family = AF_INET
        BinaryPrimitives.WriteUInt16BigEndian(context.AsSpan(24), port);    // user_port, network order in the low bytes
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(28), 2);    // family
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(32), 1);    // type = SOCK_STREAM
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(36), 6);    // protocol = IPPROTO_TCP
        return context;
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_bind_program_rewrites_the_port_in_the_context_it_returns(EngineKind engine)
    {
        using var loaded = Load(engine);
        loaded.FindMap("bind_redirect")!.Update(BitConverter.GetBytes(80u), BitConverter.GetBytes(8080u));

        var result = loaded.FindProgram("bind4")!.TestRun(new TestRunOptions(default, BindContext(80)));

        Assert.Null(result.Fault);
        Assert.Equal(1UL, result.ReturnValue);
        Assert.Equal(8080, BinaryPrimitives.ReadUInt16BigEndian(result.ContextOut.AsSpan(24)));
        Assert.Equal(BindContext(80)[..24], result.ContextOut[..24]);
        var count = new byte[8];
        Assert.True(loaded.FindMap("bind_count")!.TryLookup(BitConverter.GetBytes(80u), count));
        Assert.Equal(1UL, BitConverter.ToUInt64(count));
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_bind_program_refuses_a_denied_port_with_zero(EngineKind engine)
    {
        using var loaded = Load(engine);
        loaded.FindMap("denied_ports")!.Update(BitConverter.GetBytes(22u), BitConverter.GetBytes(1u));

        Assert.Equal(0UL, loaded.FindProgram("bind4")!.TestRun(new TestRunOptions(default, BindContext(22))).ReturnValue);
        Assert.Equal(1UL, loaded.FindProgram("bind4")!.TestRun(new TestRunOptions(default, BindContext(23))).ReturnValue);
    }

    [Fact]
    public void A_context_of_the_wrong_size_is_refused()
    {
        using var loaded = Load(EngineKind.Interpreter);
        var refused = Assert.Throws<DiagnosticException>(() => loaded.FindProgram("bind4")!.TestRun(new TestRunOptions(default, new byte[64])));
        Assert.Equal(DiagnosticCode.InvalidTestRun, refused.Diagnostics[0].Code);
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void The_frame_writes_the_programs_address_back_into_the_sockaddr_and_keeps_the_rest(EngineKind engine)
    {
        using var loaded = Load(engine);
        // connect_redirect: 10.0.0.1:443 -> 127.0.0.1:8443 (addresses in network order, ports in host order).
        byte[] from = [10, 0, 0, 1, .. BitConverter.GetBytes(443u)], to = [127, 0, 0, 1, .. BitConverter.GetBytes(8443u)];
        loaded.FindMap("connect_redirect")!.Update(from, to);
        var program = loaded.FindProgram("connect4")!;
        using var frame = new SockAddrFrame();
        // sockaddr_in: family 2, port 443 (network order), 10.0.0.1, and eight bytes of padding the kernel keeps.
        byte[] sockaddr = [2, 0, 0x01, 0xBB, 10, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8];

        Assert.True(frame.Load(sockaddr, SockAddrFrame.Inet, 1, 6));
        var request = frame.Request;
        var result = program.Run(request with { Regions = request.Regions.AddRange(program.MapRegions) });
        frame.Store(sockaddr);

        Assert.Equal(1UL, result.ReturnValue);
        Assert.Equal(new byte[] { 2, 0, 0x20, 0xFB, 127, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8 }, sockaddr);
    }

    [Fact]
    public void The_frame_refuses_addresses_the_kernels_hooks_would_not_see()
    {
        using var frame = new SockAddrFrame();
        Assert.False(frame.Load([2, 0, 0, 80, 127, 0, 0, 1], SockAddrFrame.Inet, 1, 6));              // shorter than sockaddr_in
        Assert.False(frame.Load(new byte[28], SockAddrFrame.Inet6, 1, 6));                             // family AF_UNSPEC
        Assert.False(frame.Load([1, 0, .. new byte[14]], 1, 1, 0));                                    // AF_UNIX
        Assert.True(frame.Load([10, 0, 0, 80, .. new byte[20]], SockAddrFrame.Inet6, 2, 17));          // SIN6_LEN_RFC2133 is enough
    }
}
