using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Loading;
using static Ebpf.Hooks.Native.SeccompNative;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// A command running with its <c>bind</c> and <c>connect</c> calls, and those of every process it starts, decided by
/// socket address programs (seccomp user notification; see <c>docs/sockets.md</c>). The programs' maps stay live
/// and readable through <see cref="Objects"/> while it runs and after.
/// </summary>
/// <remarks>Linux only. The service (<c>ebpfd</c>) is meant to own such attachments later; today the session's owner does.</remarks>
public sealed unsafe class SocketHookSession : IDisposable
{
    private readonly SocketSupervisor _supervisor;

    private SocketHookSession(Process process, int listener, SocketHookOptions options)
    {
        Process = process;
        Programs = options.Programs;
        Objects = options.Objects;
        _supervisor = new SocketSupervisor(listener, Programs, Counters);
        _supervisor.Start();
    }

    /// <summary>The supervised command's process (the launcher, which became the command).</summary>
    public Process Process { get; }

    /// <summary>The programs the hooks run.</summary>
    public SocketHookPrograms Programs { get; }

    /// <summary>The objects the programs came from, with their live maps.</summary>
    public IReadOnlyList<LoadedObject> Objects { get; }

    /// <summary>What the supervisor did so far.</summary>
    public SocketHookCounters Counters { get; } = new();

    /// <summary>Starts <see cref="SocketHookOptions.Command"/> under the hooks; returns once its filter is in place.</summary>
    /// <exception cref="DiagnosticException">
    /// The platform is not Linux, or the launcher did not hand over its filter (EBPF6102, EBPF6103).
    /// </exception>
    public static SocketHookSession Start(SocketHookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfZero(options.Command.Count);
        ArgumentOutOfRangeException.ThrowIfZero(options.Launcher.Count);
        if (!OperatingSystem.IsLinux())
        {
            throw Refuse(DiagnosticCode.SeccompUnavailable, "socket hooks for processes need Linux's seccomp user notification");
        }

        var pair = stackalloc int[2];
        if (SocketPair(AddressFamilyUnix, SocketStream | SocketCloseOnExec, 0, pair) != 0)
        {
            throw Refuse(DiagnosticCode.SupervisedLaunchFailed, $"socketpair: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        int ours = pair[0], theirs = pair[1];
        Process? process = null;
        try
        {
            // The launcher's end must survive its exec; ours must not leak into it.
            _ = Fcntl(theirs, FcntlSetDescriptorFlags, 0);
            var start = new ProcessStartInfo(options.Launcher[0])
            {
                UseShellExecute = false,
                RedirectStandardOutput = options.RedirectOutput,
                RedirectStandardError = options.RedirectOutput,
            };
            foreach (var argument in options.Launcher.Skip(1).Append(theirs.ToString(CultureInfo.InvariantCulture)).Concat(options.Command))
            {
                start.ArgumentList.Add(argument);
            }

            process = Process.Start(start) ?? throw Refuse(DiagnosticCode.SupervisedLaunchFailed, $"could not start {options.Launcher[0]}");
            Close(theirs);
            theirs = -1;
            var listener = ReceiveListener(ours, process, options.LaunchTimeout);
            return new SocketHookSession(process, listener, options);
        }
        catch
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }

            throw;
        }
        finally
        {
            Close(ours);
            if (theirs >= 0)
            {
                Close(theirs);
            }
        }
    }

    /// <summary>Waits for the command to exit and returns its exit code; the hooks keep serving processes it left running.</summary>
    public int WaitForExit()
    {
        Process.WaitForExit();
        return Process.ExitCode;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the command to exit.</summary>
    public bool WaitForExit(TimeSpan timeout) => Process.WaitForExit(timeout);

    /// <summary>Ends the command (and its processes) if it still runs, and stops the hooks: calls still waiting fail with ENOSYS.</summary>
    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _supervisor.Dispose();
        Process.Dispose();
    }

    private static int ReceiveListener(int channel, Process process, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var poll = new PollDescriptor { Fd = channel, Events = PollIn };
        while (true)
        {
            poll.ReturnedEvents = 0;
            var ready = Poll(&poll, 1, 100);
            if (ready > 0 && (poll.ReturnedEvents & PollIn) != 0)
            {
                break;
            }

            if (process.HasExited)
            {
                throw Refuse(DiagnosticCode.SupervisedLaunchFailed, $"the launcher exited with {process.ExitCode} before handing over its seccomp listener");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw Refuse(DiagnosticCode.SupervisedLaunchFailed, $"the launcher did not hand over its seccomp listener within {timeout.TotalSeconds:0} s");
            }
        }

        byte marker = 0;
        var vector = new IoVector { Base = &marker, Length = 1 };
        var control = default(DescriptorMessage);
        var message = new MessageHeader { Vectors = &vector, VectorCount = 1, Control = &control, ControlLength = (nuint)sizeof(DescriptorMessage) };
        var received = ReceiveMessage(channel, &message, 0x40000000); // MSG_CMSG_CLOEXEC
        if (received != 1 || control.Level != SolSocket || control.Type != ScmRights)
        {
            throw Refuse(DiagnosticCode.SeccompUnavailable, "the launcher could not install the seccomp filter (its error is on standard error)");
        }

        return control.Fd;
    }

    private static DiagnosticException Refuse(DiagnosticCode code, string message) =>
        new([new Diagnostic(code, message, new DiagnosticLocation())]);
}
