using System.Collections.Immutable;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

public static partial class TestRun
{
    /// <summary>
    /// Socket address programs run on the <c>bpf_sock_addr</c> given as the context, which comes back as the program
    /// left it (a redirect shows in <c>user_ip4</c>/<c>user_ip6</c>/<c>user_port</c>). Linux's
    /// <c>BPF_PROG_TEST_RUN</c> refuses this program type (<c>ENOTSUPP</c>): this is our extension, for testing
    /// socket hooks without sockets.
    /// </summary>
    private static TestRunResult RunSockAddr(IExecutable program, TestRunOptions options, ImmutableArray<MemoryRegion> regions)
    {
        if (options.ContextIn.Length != SockAddrFrame.ContextSize)
        {
            throw Refuse($"a socket address program's context (struct bpf_sock_addr) is {SockAddrFrame.ContextSize} bytes, not {options.ContextIn.Length}");
        }

        if (!options.DataIn.IsEmpty)
        {
            throw Refuse("a socket address program takes no data, only its context");
        }

        using var frame = new SockAddrFrame();
        frame.LoadContext(options.ContextIn.Span);
        var request = frame.Request;
        var (result, duration) = Repeat(program, request with { Regions = request.Regions.AddRange(regions) }, options.Repeat);
        return new TestRunResult(result.ReturnValue, [], frame.ContextBytes.ToArray(), duration, result.Fault);
    }
}
