using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

public static partial class TestRun
{
    /// <summary>
    /// Runs <paramref name="program"/> as a program of <paramref name="type"/> in <paramref name="platform"/>'s numbering:
    /// Linux's types as <see cref="Run(IExecutable, ProgramType, TestRunOptions, ImmutableArray{MemoryRegion})"/> does,
    /// eBPF for Windows' <c>bind</c> on a <see cref="BindFrame"/>, its <c>xdp</c> and <c>xdp_test</c> on an
    /// <see cref="XdpFrame"/> of Windows' layout, its <c>sock_addr</c> on a <see cref="WindowsSockAddrFrame"/>.
    /// </summary>
    /// <exception cref="Core.Diagnostics.DiagnosticException">The input does not suit the program type, or the type has no test runs.</exception>
    public static TestRunResult Run(IExecutable program, AbiPlatform platform, int type, TestRunOptions options, ImmutableArray<MemoryRegion> regions = default)
    {
        if (platform == AbiPlatform.Linux)
        {
            return Run(program, (ProgramType)type, options, regions);
        }

        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Repeat < 1)
        {
            throw Refuse($"repeat must be at least 1, not {options.Repeat}");
        }

        regions = regions.IsDefault ? [] : regions;
        return type switch
        {
            WindowsProgramType.Bind => RunBind(program, options, regions),
            WindowsProgramType.Xdp or WindowsProgramType.XdpTest => RunWindowsXdp(program, options, regions),
            WindowsProgramType.CgroupSockAddr => RunWindowsSockAddr(program, options, regions),
            _ => throw Refuse($"test runs of eBPF for Windows program type {type} are not supported; xdp, xdp_test, bind and sock_addr programs are"),
        };
    }

    /// <summary>
    /// <c>bind</c> programs run as eBPF for Windows' test run builds them (<c>_ebpf_bind_context_create</c>): the
    /// <c>bind_md_t</c> from <c>ctx_in</c>, the application id from <c>data_in</c>; the context comes back with its
    /// pointers zeroed and the id as <c>data_out</c>.
    /// </summary>
    private static TestRunResult RunBind(IExecutable program, TestRunOptions options, ImmutableArray<MemoryRegion> regions)
    {
        if (options.ContextIn.Length != BindFrame.ContextSize)
        {
            throw Refuse($"a bind program's context (bind_md_t) is {BindFrame.ContextSize} bytes, not {options.ContextIn.Length}");
        }

        if (options.DataIn.Length > BindFrame.AppIdCapacity)
        {
            throw Refuse($"a bind program's data (its application id) is at most {BindFrame.AppIdCapacity} bytes, not {options.DataIn.Length}");
        }

        using var frame = new BindFrame();
        frame.LoadContext(options.ContextIn.Span, options.DataIn.Span);
        var request = frame.Request;
        var (result, duration) = Repeat(program, request with { Regions = request.Regions.AddRange(regions) }, options.Repeat);
        return new TestRunResult(result.ReturnValue, frame.AppId.ToArray(), frame.ContextOut, duration, result.Fault);
    }
}
