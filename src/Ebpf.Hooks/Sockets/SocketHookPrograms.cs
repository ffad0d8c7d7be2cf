using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// The programs a supervised command's socket calls run, one per hook as a cgroup would hold them: a call with no
/// program for its hook proceeds unchanged. Each must be a <c>cgroup_sock_addr</c> program whose expected attach
/// type (from its section: <c>cgroup/bind4</c>, ...) is its hook, or an eBPF for Windows <c>bind</c> program, which
/// runs for IPv4 binds after the <c>cgroup/bind4</c> program if there is one, or an eBPF for Windows <c>sock_addr</c>
/// program of <c>cgroup/connect4</c>/<c>6</c>, which runs for connects after Linux's program of the same hook. Windows'
/// <c>cgroup/recv_accept4</c>/<c>6</c> programs have no hook here (EBPF6140).
/// </summary>
public sealed record SocketHookPrograms
{
    /// <summary>Runs for <c>bind</c> on IPv4 sockets (<c>cgroup/bind4</c>).</summary>
    public LoadedProgram? Bind4 { get; init; }

    /// <summary>Runs for <c>bind</c> on IPv6 sockets (<c>cgroup/bind6</c>).</summary>
    public LoadedProgram? Bind6 { get; init; }

    /// <summary>Runs for <c>connect</c> on IPv4 sockets (<c>cgroup/connect4</c>).</summary>
    public LoadedProgram? Connect4 { get; init; }

    /// <summary>Runs for <c>connect</c> on IPv6 sockets (<c>cgroup/connect6</c>).</summary>
    public LoadedProgram? Connect6 { get; init; }

    /// <summary>Runs for <c>bind</c> on IPv4 sockets: an eBPF for Windows program of type <c>bind</c> on a <c>bind_md_t</c>.</summary>
    public LoadedProgram? WindowsBind { get; init; }

    /// <summary>Runs for <c>connect</c> on IPv4 sockets: an eBPF for Windows <c>sock_addr</c> program of <c>cgroup/connect4</c>, on a <c>bpf_sock_addr_t</c>.</summary>
    public LoadedProgram? WindowsConnect4 { get; init; }

    /// <summary>Runs for <c>connect</c> on IPv6 sockets: an eBPF for Windows <c>sock_addr</c> program of <c>cgroup/connect6</c>.</summary>
    public LoadedProgram? WindowsConnect6 { get; init; }

    /// <summary>True when no hook has a program.</summary>
    public bool IsEmpty => Bind4 is null && Bind6 is null && Connect4 is null && Connect6 is null && WindowsBind is null
        && WindowsConnect4 is null && WindowsConnect6 is null;

    /// <summary>True when <paramref name="program"/> is an eBPF for Windows <c>bind</c> program.</summary>
    public static bool IsWindowsBind(LoadedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.Spec.Platform == AbiPlatform.Windows && (int)program.Type == WindowsProgramType.Bind;
    }

    /// <summary>The hook <paramref name="program"/> belongs to, by its expected attach type; null when it is no socket address program of a supported hook.</summary>
    public static AttachType? HookOf(LoadedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.Spec.Platform == AbiPlatform.Linux && program.Type == ProgramType.CgroupSockAddr && program.Spec.ExpectedAttachType is
            AttachType.CgroupInet4Bind or AttachType.CgroupInet6Bind or AttachType.CgroupInet4Connect or AttachType.CgroupInet6Connect
            ? program.Spec.ExpectedAttachType
            : null;
    }

    /// <summary>These programs with <paramref name="program"/> added at its hook (replacing one there).</summary>
    /// <param name="program">A socket address program.</param>
    /// <param name="call">The call it was given for, or null for any: a bind program given as a connect program is refused.</param>
    /// <exception cref="DiagnosticException">The program is not a socket address program for that call (EBPF6101).</exception>
    /// <exception cref="DiagnosticException">The program is eBPF for Windows' <c>cgroup/recv_accept4</c>/<c>6</c>, which no hook here runs (EBPF6140).</exception>
    public SocketHookPrograms With(LoadedProgram program, SocketCallKind? call = null)
    {
        if (IsWindowsBind(program) && call is null or SocketCallKind.Bind)
        {
            return this with { WindowsBind = program };
        }

        if (program.Spec.Platform == AbiPlatform.Windows && (int)program.Type == WindowsProgramType.CgroupSockAddr)
        {
            return WithWindowsSockAddr(program, call);
        }

        var hook = HookOf(program);
        var kind = hook is AttachType.CgroupInet4Bind or AttachType.CgroupInet6Bind ? SocketCallKind.Bind : SocketCallKind.Connect;
        if (hook is null || (call is { } expected && expected != kind))
        {
            var wanted = call switch
            {
                SocketCallKind.Bind => "cgroup/bind4, cgroup/bind6 or (eBPF for Windows) bind",
                SocketCallKind.Connect => "cgroup/connect4 or cgroup/connect6",
                _ => "cgroup/bind4, cgroup/bind6, cgroup/connect4, cgroup/connect6 or (eBPF for Windows) bind",
            };
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.NotASocketAddressProgram,
                $"program '{program.Name}' (section '{program.Spec.SectionName}') is not a {wanted} program",
                new DiagnosticLocation(Section: program.Spec.SectionName, Program: program.Name))]);
        }

        return hook switch
        {
            AttachType.CgroupInet4Bind => this with { Bind4 = program },
            AttachType.CgroupInet6Bind => this with { Bind6 = program },
            AttachType.CgroupInet4Connect => this with { Connect4 = program },
            _ => this with { Connect6 = program },
        };
    }

    /// <summary>The eBPF for Windows program for a call on a socket of <paramref name="family"/>, or null.</summary>
    internal LoadedProgram? WindowsFor(SocketCallKind call, int family) => (call, family) switch
    {
        (SocketCallKind.Bind, SockAddrFrame.Inet) => WindowsBind,
        (SocketCallKind.Connect, SockAddrFrame.Inet) => WindowsConnect4,
        (SocketCallKind.Connect, SockAddrFrame.Inet6) => WindowsConnect6,
        _ => null,
    };

    private SocketHookPrograms WithWindowsSockAddr(LoadedProgram program, SocketCallKind? call)
    {
        var where = new DiagnosticLocation(Section: program.Spec.SectionName, Program: program.Name);
        var attach = (int?)program.Spec.ExpectedAttachType;
        if (attach is WindowsAttachType.CgroupInet4RecvAccept or WindowsAttachType.CgroupInet6RecvAccept)
        {
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.RecvAcceptNotHooked,
                $"program '{program.Name}' (section '{program.Spec.SectionName}') runs when a connection is accepted or a first datagram received on Windows; ebpf exec hooks bind and connect only", where)]);
        }

        if (call is SocketCallKind.Bind || attach is not (WindowsAttachType.CgroupInet4Connect or WindowsAttachType.CgroupInet6Connect))
        {
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.NotASocketAddressProgram,
                $"program '{program.Name}' (section '{program.Spec.SectionName}') is an eBPF for Windows connect program, not a bind one", where)]);
        }

        return attach == WindowsAttachType.CgroupInet4Connect ? this with { WindowsConnect4 = program } : this with { WindowsConnect6 = program };
    }

    /// <summary>The program for a call on a socket of <paramref name="family"/> (<c>AF_INET</c>, <c>AF_INET6</c>), or null.</summary>
    internal LoadedProgram? For(SocketCallKind call, int family) => (call, family) switch
    {
        (SocketCallKind.Bind, SockAddrFrame.Inet) => Bind4,
        (SocketCallKind.Bind, SockAddrFrame.Inet6) => Bind6,
        (SocketCallKind.Connect, SockAddrFrame.Inet) => Connect4,
        (SocketCallKind.Connect, SockAddrFrame.Inet6) => Connect6,
        _ => null,
    };
}
