using System.Runtime.InteropServices;
using Ebpf.Core.Diagnostics;
using static Ebpf.Hooks.Native.SeccompNative;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// Takes a copy of another process's seccomp listener (<c>pidfd_open</c>, then <c>pidfd_getfd</c>), as the service
/// takes the listener of the <c>ebpf exec</c> that asks it to supervise a command: the caller names a descriptor of its
/// own, and the process is the socket peer the kernel vouches for, never one the request names.
/// </summary>
public static class SeccompListener
{
    /// <summary>What <c>/proc/self/fd/N</c> reads for a seccomp listener (the kernel's anonymous inode name).</summary>
    private const string InodeName = "anon_inode:seccomp notify";

    /// <summary>A copy, in this process (close-on-exec), of descriptor <paramref name="fd"/> of process <paramref name="processId"/>, which must be a seccomp listener.</summary>
    /// <exception cref="DiagnosticException">
    /// The process is gone, this process may not take its descriptors (<c>pidfd_getfd</c> needs ptrace access: root, or
    /// the same user without Yama's restriction), or the descriptor is not a seccomp listener (EBPF6120).
    /// </exception>
    public static int Take(int processId, int fd)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw Refuse($"taking another process's seccomp listener needs Linux (pidfd_getfd)");
        }

        var pidfd = Syscall(SysPidfdOpen, processId, 0, 0);
        if (pidfd < 0)
        {
            throw Refuse($"pidfd_open({processId}): {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        var copy = Syscall(SysPidfdGetfd, pidfd, fd, 0);
        var error = Marshal.GetLastPInvokeError();
        Close((int)pidfd);
        if (copy < 0)
        {
            throw Refuse($"pidfd_getfd(process {processId}, descriptor {fd}): {Marshal.GetPInvokeErrorMessage(error)}");
        }

        string? target = null;
        try
        {
            target = new FileInfo($"/proc/self/fd/{copy}").LinkTarget;
        }
        catch (IOException)
        {
            // Unreadable: treated as not a listener below.
        }

        if (target != InodeName)
        {
            Close((int)copy);
            throw Refuse($"descriptor {fd} of process {processId} is not a seccomp listener ({target ?? "unreadable"})");
        }

        return (int)copy;
    }

    private static DiagnosticException Refuse(string message) => SupervisedLaunch.Refuse(DiagnosticCode.SeccompListenerUnavailable, message);
}
