using System.Runtime.InteropServices;
using Ebpf.Runtime.Programs;
using static Ebpf.Hooks.Native.SeccompNative;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// The supervisor's loop on a seccomp listener: receives each intercepted <c>bind</c>/<c>connect</c> and answers it
/// (<see cref="SocketCallHandler"/> decides how). It ends when every supervised process has exited (the listener
/// hangs up) or when stopped. Detached, it lets every later call through unchanged (<c>SECCOMP_USER_NOTIF_FLAG_CONTINUE</c>):
/// a seccomp filter cannot be removed from a process, so the listener must go on answering, or the calls would wait
/// for an answer (or fail with <c>ENOSYS</c> once the listener is closed).
/// </summary>
internal sealed unsafe class SocketSupervisor : IDisposable
{
    private readonly int _listener;
    private readonly SocketCallHandler _handler;
    private readonly Thread _thread;
    private readonly Lock _deciding = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private volatile bool _passThrough;
    private int _disposed;

    public SocketSupervisor(int listener, SocketHookPrograms programs, SocketHookCounters counters)
    {
        _listener = listener;
        _handler = new SocketCallHandler(this, programs, counters, new SockAddrFrame(), new BindFrame());
        _thread = new Thread(Loop) { IsBackground = true, Name = "ebpf socket hooks" };
    }

    /// <summary>Completes when the loop has ended: every supervised process has exited, or the supervisor was stopped.</summary>
    public Task Completion => _completion.Task;

    public void Start() => _thread.Start();

    /// <summary>From now on every call proceeds as the caller made it; returns once no call is being decided by a program.</summary>
    public void PassThrough()
    {
        _passThrough = true;
        lock (_deciding)
        {
            // The call being decided (if any) has been answered: the programs are no longer in use.
        }
    }

    /// <summary>Answers notification <paramref name="id"/>: 0 or -errno as the call's result, or let the kernel perform it.</summary>
    public void Respond(ulong id, int error, bool performByKernel = false)
    {
        var response = new NotificationResponse { Id = id, Error = performByKernel ? 0 : error, Flags = performByKernel ? UserNotifyFlagContinue : 0 };
        // ENOENT: the caller died or a signal ended its wait; there is no one left to answer.
        _ = Ioctl(_listener, NotifySend, &response);
    }

    /// <summary>True while notification <paramref name="id"/> still stands for the same waiting call (its thread has not died, nor its pid been reused).</summary>
    public bool IsValid(ulong id) => Ioctl(_listener, NotifyIdValid, &id) == 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _handler.Dispose();
        // Closing the listener answers every call still waiting with ENOSYS, and so will the kernel every later one.
        Close(_listener);
    }

    private void Loop()
    {
        try
        {
            var poll = new PollDescriptor { Fd = _listener, Events = PollIn };
            while (!_stopping)
            {
                poll.ReturnedEvents = 0;
                var ready = Poll(&poll, 1, 200);
                if (ready < 0 && Marshal.GetLastPInvokeError() == 4)
                {
                    continue;
                }

                if (ready < 0 || ((poll.ReturnedEvents & (PollHangUp | PollError)) != 0 && (poll.ReturnedEvents & PollIn) == 0))
                {
                    return;
                }

                if (ready == 0)
                {
                    continue;
                }

                var notification = default(Notification);
                if (Ioctl(_listener, NotifyRecv, &notification) != 0)
                {
                    // ENOENT: the caller went away between poll and receive.
                    continue;
                }

                lock (_deciding)
                {
                    if (_passThrough)
                    {
                        Respond(notification.Id, 0, performByKernel: true);
                    }
                    else
                    {
                        _handler.Handle(in notification);
                    }
                }
            }
        }
        finally
        {
            _completion.TrySetResult();
        }
    }
}
