using System.Buffers.Binary;
using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

public static partial class TestRun
{
    /// <summary>
    /// eBPF for Windows' XDP programs run as its XDP test run builds them: the packet from <c>data_in</c>, the
    /// <c>xdp_md_t</c> (32 bytes, optional) from <c>ctx_in</c>, of which <c>ingress_ifindex</c> and <c>rx_queue_index</c>
    /// count (the pointers are the frame's, with no metadata); the packet comes back as <c>data_out</c> and the context
    /// with its pointers zeroed.
    /// </summary>
    private static TestRunResult RunWindowsXdp(IExecutable program, TestRunOptions options, ImmutableArray<MemoryRegion> regions)
    {
        if (options.DataIn.Length is < XdpFrame.MinPacket or > XdpFrame.MaxPacket)
        {
            throw Refuse($"an XDP packet is {XdpFrame.MinPacket} to {XdpFrame.MaxPacket} bytes, not {options.DataIn.Length}");
        }

        using var frame = new XdpFrame(AbiPlatform.Windows);
        var context = options.ContextIn.Span;
        if (!context.IsEmpty && context.Length != frame.ContextSize)
        {
            throw Refuse($"the eBPF for Windows XDP context (xdp_md_t) is {frame.ContextSize} bytes, not {context.Length}");
        }

        frame.Load(
            options.DataIn.Span,
            context.IsEmpty ? 1u : BinaryPrimitives.ReadUInt32LittleEndian(context[24..]),
            context.IsEmpty ? 0u : BinaryPrimitives.ReadUInt32LittleEndian(context[28..]));
        var request = frame.Request with { Environment = frame, Regions = frame.Request.Regions.AddRange(regions) };
        var (result, duration) = Repeat(program, request, options.Repeat);
        return new TestRunResult(result.ReturnValue, frame.Packet, frame.ContextOut, duration, result.Fault) { Redirect = frame.Redirect };
    }

    /// <summary>
    /// eBPF for Windows' sock_addr programs run on the <c>bpf_sock_addr_t</c> given as <c>ctx_in</c> (64 bytes, as
    /// Windows' sock_addr test run takes it); the context comes back as the program left it, so a redirect shows in its
    /// <c>user_ip</c> and <c>user_port</c>. There is no data.
    /// </summary>
    private static TestRunResult RunWindowsSockAddr(IExecutable program, TestRunOptions options, ImmutableArray<MemoryRegion> regions)
    {
        if (options.ContextIn.Length != WindowsSockAddrFrame.ContextSize)
        {
            throw Refuse($"a sock_addr program's context (bpf_sock_addr_t) is {WindowsSockAddrFrame.ContextSize} bytes, not {options.ContextIn.Length}");
        }

        if (!options.DataIn.IsEmpty)
        {
            throw Refuse("a sock_addr program takes no data, only its context");
        }

        using var frame = new WindowsSockAddrFrame();
        frame.LoadContext(options.ContextIn.Span);
        var request = frame.Request;
        var (result, duration) = Repeat(program, request with { Regions = request.Regions.AddRange(regions) }, options.Repeat);
        return new TestRunResult(result.ReturnValue, [], frame.ContextBytes.ToArray(), duration, result.Fault);
    }
}
