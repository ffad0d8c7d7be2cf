namespace Ebpf.Hooks.Sockets;

/// <summary>What a supervisor did with the calls it received; safe to read while it runs.</summary>
public sealed class SocketHookCounters
{
    private long _allowed;
    private long _redirected;
    private long _denied;
    private long _unhooked;
    private long _passedThrough;
    private long _faults;

    /// <summary>Calls a program allowed with the address unchanged; the supervisor performed them.</summary>
    public long Allowed => Interlocked.Read(ref _allowed);

    /// <summary>Calls a program allowed with another address or port; the supervisor performed them at that address.</summary>
    public long Redirected => Interlocked.Read(ref _redirected);

    /// <summary>Calls a program refused (EPERM), faults included.</summary>
    public long Denied => Interlocked.Read(ref _denied);

    /// <summary>Calls on IPv4 and IPv6 sockets no program saw (no program for the hook, or an address the kernel's hook would not run for); the supervisor performed them unchanged.</summary>
    public long Unhooked => Interlocked.Read(ref _unhooked);

    /// <summary>Calls on other sockets (<c>AF_UNIX</c>, <c>AF_NETLINK</c>, ...), which the kernel performed as they were.</summary>
    public long PassedThrough => Interlocked.Read(ref _passedThrough);

    /// <summary>Program runs that faulted (treated as a refusal, as a verified program never would).</summary>
    public long Faults => Interlocked.Read(ref _faults);

    internal void CountAllowed() => Interlocked.Increment(ref _allowed);

    internal void CountRedirected() => Interlocked.Increment(ref _redirected);

    internal void CountDenied() => Interlocked.Increment(ref _denied);

    internal void CountUnhooked() => Interlocked.Increment(ref _unhooked);

    internal void CountPassedThrough() => Interlocked.Increment(ref _passedThrough);

    internal void CountFault() => Interlocked.Increment(ref _faults);
}
