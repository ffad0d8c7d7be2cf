using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Ebpf.Core.Diagnostics;
using static Ebpf.Hooks.Native.SeccompNative;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// A command started under the socket hooks' seccomp filter and held before it runs: the launcher has installed the
/// filter and handed over its listener (<see cref="Listener"/>), and waits for <see cref="Release"/> to execute the
/// command. Whoever supervises the listener (a <see cref="SocketHookLink"/> here, or the service <c>ebpfd</c> once it
/// has taken a copy) must do so before the release; disposed unreleased, the launcher exits and the command never runs.
/// </summary>
/// <remarks>Linux only.</remarks>
public sealed unsafe class SupervisedLaunch : IDisposable
{
    private int _channel;
    private int _listener;
    private int _disposed;

    private SupervisedLaunch(Process process, int channel, int listener)
    {
        Process = process;
        _channel = channel;
        _listener = listener;
    }

    /// <summary>The launcher's process, which becomes the command at <see cref="Release"/>.</summary>
    public Process Process { get; }

    /// <summary>The seccomp listener descriptor in this process (close-on-exec), or -1 once given away or closed.</summary>
    public int Listener => _listener;

    /// <summary>True once the command was let run.</summary>
    public bool IsReleased { get; private set; }

    /// <summary>Starts the launcher for <paramref name="command"/>; returns once its filter is in place and its listener received.</summary>
    /// <param name="command">The command and its arguments.</param>
    /// <param name="launcher">The program and arguments that run <see cref="SeccompLauncher.Run"/> (<see cref="SocketHookOptions.Launcher"/>).</param>
    /// <param name="redirectOutput">Capture the command's standard output and error.</param>
    /// <param name="timeout">How long the launcher may take to hand over its listener.</param>
    /// <exception cref="DiagnosticException">Not Linux, or the launcher did not hand over its filter (EBPF6102, EBPF6103).</exception>
    public static SupervisedLaunch Start(IReadOnlyList<string> command, IReadOnlyList<string> launcher, bool redirectOutput, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        ArgumentOutOfRangeException.ThrowIfZero(launcher.Count);
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
            var start = new ProcessStartInfo(launcher[0])
            {
                UseShellExecute = false,
                RedirectStandardOutput = redirectOutput,
                RedirectStandardError = redirectOutput,
            };
            foreach (var argument in launcher.Skip(1).Append(theirs.ToString(CultureInfo.InvariantCulture)).Concat(command))
            {
                start.ArgumentList.Add(argument);
            }

            process = Process.Start(start) ?? throw Refuse(DiagnosticCode.SupervisedLaunchFailed, $"could not start {launcher[0]}");
            Close(theirs);
            theirs = -1;
            var listener = ReceiveListener(ours, process, timeout);
            return new SupervisedLaunch(process, ours, listener);
        }
        catch
        {
            Close(ours);
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }

            process?.Dispose();
            throw;
        }
        finally
        {
            if (theirs >= 0)
            {
                Close(theirs);
            }
        }
    }

    /// <summary>Gives <see cref="Listener"/> away: returns it, and this launch no longer closes it.</summary>
    public int TakeListener() => Interlocked.Exchange(ref _listener, -1);

    /// <summary>Closes this process's copy of the listener (once another process holds its own).</summary>
    public void CloseListener()
    {
        var listener = TakeListener();
        if (listener >= 0)
        {
            Close(listener);
        }
    }

    /// <summary>Lets the command run: the launcher executes it.</summary>
    /// <exception cref="DiagnosticException">The launcher is gone (EBPF6103).</exception>
    public void Release()
    {
        byte go = 1;
        var channel = Interlocked.Exchange(ref _channel, -1);
        if (channel < 0 || Write(channel, &go, 1) != 1)
        {
            throw Refuse(DiagnosticCode.SupervisedLaunchFailed, "the launcher exited before the command could start");
        }

        Close(channel);
        IsReleased = true;
    }

    /// <summary>
    /// Closes what is still held and the <see cref="Process"/> object (a released command keeps running); a launcher never
    /// released exits without running the command (it is killed if it lingers).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var channel = Interlocked.Exchange(ref _channel, -1);
        if (channel >= 0)
        {
            Close(channel);
        }

        CloseListener();
        if (!IsReleased)
        {
            if (!Process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                Process.Kill(entireProcessTree: true);
            }
        }

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

    internal static DiagnosticException Refuse(DiagnosticCode code, string message) =>
        new([new Diagnostic(code, message, new DiagnosticLocation())]);
}
