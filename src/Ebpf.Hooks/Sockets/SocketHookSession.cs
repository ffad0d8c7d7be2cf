using System.Diagnostics;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Loading;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// A command running with its <c>bind</c> and <c>connect</c> calls, and those of every process it starts, decided by
/// socket address programs (seccomp user notification; see <c>docs/sockets.md</c>). The programs' maps stay live
/// and readable through <see cref="Objects"/> while it runs and after.
/// </summary>
/// <remarks>
/// Linux only. This process supervises; to have the service <c>ebpfd</c> own the attachment instead (so that
/// <c>ebpf map</c> commands reach the maps), start a <see cref="SupervisedLaunch"/> and hand its listener to the host
/// (<c>IBpfHost.AttachExecAsync</c>).
/// </remarks>
public sealed class SocketHookSession : IDisposable
{
    private readonly SupervisedLaunch _launch;
    private readonly SocketHookLink _link;

    private SocketHookSession(SupervisedLaunch launch, SocketHookLink link, SocketHookOptions options)
    {
        _launch = launch;
        _link = link;
        Objects = options.Objects;
    }

    /// <summary>The supervised command's process (the launcher, which became the command).</summary>
    public Process Process => _launch.Process;

    /// <summary>The programs the hooks run.</summary>
    public SocketHookPrograms Programs => _link.Programs;

    /// <summary>The objects the programs came from, with their live maps.</summary>
    public IReadOnlyList<LoadedObject> Objects { get; }

    /// <summary>What the supervisor did so far.</summary>
    public SocketHookCounters Counters => _link.Counters;

    /// <summary>Starts <see cref="SocketHookOptions.Command"/> under the hooks; returns once its filter is in place.</summary>
    /// <exception cref="DiagnosticException">
    /// The platform is not Linux, or the launcher did not hand over its filter (EBPF6102, EBPF6103).
    /// </exception>
    public static SocketHookSession Start(SocketHookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var launch = SupervisedLaunch.Start(options.Command, options.Launcher, options.RedirectOutput, options.LaunchTimeout);
        SocketHookLink? link = null;
        try
        {
            link = SocketHookLink.Attach(launch.TakeListener(), options.Programs);
            launch.Release();
            return new SocketHookSession(launch, link, options);
        }
        catch
        {
            link?.Dispose();
            launch.Dispose();
            throw;
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

        _link.Dispose();
        _launch.Dispose();
    }
}
