namespace Ebpf.Hooks.Sockets;

/// <summary>
/// Socket address programs attached to a supervised process tree through its seccomp listener: the supervisor that
/// decides each <c>bind</c> and <c>connect</c> (docs/sockets.md). It lasts until every process of the tree has exited
/// (<see cref="Completion"/>), is detached, or is disposed.
/// </summary>
/// <remarks>
/// A seccomp filter cannot be removed from a process. Detached, the link keeps answering, letting every later call
/// through unchanged; disposed, it closes the listener, and the kernel answers every waiting and later call of the tree
/// with <c>ENOSYS</c> (a notification nobody can read fails), so no call waits forever.
/// </remarks>
public sealed class SocketHookLink : IDisposable
{
    private readonly SocketSupervisor _supervisor;

    private SocketHookLink(int listener, SocketHookPrograms programs)
    {
        Programs = programs;
        _supervisor = new SocketSupervisor(listener, programs, Counters);
        _supervisor.Start();
    }

    /// <summary>The programs the hooks run.</summary>
    public SocketHookPrograms Programs { get; }

    /// <summary>What the supervisor did so far.</summary>
    public SocketHookCounters Counters { get; } = new();

    /// <summary>True once detached: calls proceed unchanged, and the programs are no longer used.</summary>
    public bool IsDetached { get; private set; }

    /// <summary>Completes when every supervised process has exited (the listener hung up), or when the link is disposed.</summary>
    public Task Completion => _supervisor.Completion;

    /// <summary>Supervises <paramref name="listener"/> (a seccomp listener descriptor of this process, which the link now owns) with <paramref name="programs"/>.</summary>
    public static SocketHookLink Attach(int listener, SocketHookPrograms programs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(listener);
        ArgumentNullException.ThrowIfNull(programs);
        return new SocketHookLink(listener, programs);
    }

    /// <summary>Stops running the programs: every later call proceeds as made. Returns once no program runs, so they may be unloaded.</summary>
    public void Detach()
    {
        IsDetached = true;
        _supervisor.PassThrough();
    }

    /// <summary>Stops supervising and closes the listener: calls of the tree still waiting, and later ones, fail with <c>ENOSYS</c>.</summary>
    public void Dispose() => _supervisor.Dispose();
}
