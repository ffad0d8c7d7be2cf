using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;
using static Ebpf.Hooks.Native.SeccompNative;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// Decides one intercepted call, in the order that makes the check and the use one: read the caller's
/// <c>sockaddr</c> once, take its socket (<c>pidfd_getfd</c>), confirm the notification still stands, run the hook's
/// program on a <c>bpf_sock_addr</c> built from the copy, and then refuse the call (EPERM) or perform it on the
/// caller's socket with the address the program left, answering with that call's own result. A caller that changes
/// its buffer afterwards changes nothing. Calls on sockets that are neither IPv4 nor IPv6 go back to the kernel.
/// </summary>
/// <remarks>Runs on the supervisor's thread, one call at a time; only a blocking <c>connect</c> moves to a thread of its own.</remarks>
internal sealed unsafe class SocketCallHandler(SocketSupervisor supervisor, SocketHookPrograms programs, SocketHookCounters counters, SockAddrFrame frame, BindFrame windowsFrame) : IDisposable
{
    private const int MaxAddressLength = 128;   // sizeof(struct sockaddr_storage): longer is EINVAL in the kernel
    private const int Einval = 22, Efault = 14, Eperm = 1, Eacces = 13, Esrch = 3;
    private const int SocketStreamType = 1; // SOCK_STREAM
    private readonly int _unprivilegedPortStart = ReadUnprivilegedPortStart();
    private readonly Dictionary<LoadedProgram, Runtime.Execution.ExecutionRequest> _requests = [];
    private readonly WindowsSockAddrFrame _windowsConnectFrame = new();

    public void Handle(in Notification notification)
    {
        var id = notification.Id;
        var call = SeccompFilter.Classify(notification.Arch, notification.SyscallNumber);
        var fd = (int)notification.Arguments[0];
        var addressPointer = notification.Arguments[1];
        var length = (long)(uint)notification.Arguments[2];
        if (call is not { } kind)
        {
            supervisor.Respond(id, 0, performByKernel: true);
            return;
        }

        if (length > MaxAddressLength)
        {
            supervisor.Respond(id, -Einval);
            return;
        }

        var address = new byte[MaxAddressLength];
        var read = ReadCallerMemory(notification.Pid, addressPointer, address.AsSpan(0, (int)length));
        if (read != 0)
        {
            if (read != -Esrch)
            {
                supervisor.Respond(id, read == -Efault ? -Efault : read);
            }

            return;
        }

        var socket = TakeSocket(notification.Pid, fd);
        if (!supervisor.IsValid(id))
        {
            // The caller died or was interrupted, and the pid may name another task by now: what was read is not its.
            if (socket >= 0)
            {
                Close(socket);
            }

            return;
        }

        if (socket < 0)
        {
            supervisor.Respond(id, socket);
            return;
        }

        try
        {
            Decide(id, kind, notification.Pid, socket, address, (int)length);
        }
        finally
        {
            Close(socket);
        }
    }

    public void Dispose()
    {
        frame.Dispose();
        windowsFrame.Dispose();
        _windowsConnectFrame.Dispose();
    }

    private void Decide(ulong id, SocketCallKind kind, uint threadId, int socket, byte[] address, int length)
    {
        var family = SocketOption(socket, SoDomain);
        if (family < 0)
        {
            supervisor.Respond(id, family);
            return;
        }

        if (family is not (SockAddrFrame.Inet or SockAddrFrame.Inet6))
        {
            counters.CountPassedThrough();
            supervisor.Respond(id, 0, performByKernel: true);
            return;
        }

        var caller = CallerStatus.Read(threadId);
        var program = programs.For(kind, family);
        var windowsProgram = programs.WindowsFor(kind, family);
        var skipCapabilityCheck = false;
        if ((program is not null || windowsProgram is not null) && caller is null)
        {
            // The caller's /proc entry is gone or hidden: without knowing who calls, refuse rather than skip the program.
            counters.CountDenied();
            supervisor.Respond(id, -Eperm);
            return;
        }

        var before = address.AsSpan(0, length).ToArray();
        var hooked = false;
        if (program is not null && frame.Load(address.AsSpan(0, length), family, SocketOption(socket, SoType), SocketOption(socket, SoProtocol)))
        {
            hooked = true;
            frame.Caller = caller!.Value.Task;
            var result = program.Executable.Run(Request(program));
            // Bit 0 allows; bit 1 (bind only) is BPF_RET_BIND_NO_CAP_NET_BIND_SERVICE, as the kernel's cgroup run reads r0.
            if (result.Fault is not null || (result.ReturnValue & 1) == 0)
            {
                if (result.Fault is not null)
                {
                    counters.CountFault();
                }

                counters.CountDenied();
                supervisor.Respond(id, -Eperm);
                return;
            }

            skipCapabilityCheck = kind == SocketCallKind.Bind && (result.ReturnValue & 2) != 0;
            frame.Store(address);
        }

        if (windowsProgram is not null && kind == SocketCallKind.Connect
            && _windowsConnectFrame.Load(address.AsSpan(0, length), [], family, SocketOption(socket, SoProtocol)))
        {
            // eBPF for Windows' connect hook, after Linux's: it may redirect (user_ip/user_port written back) or reject.
            hooked = true;
            if (!RunWindowsConnect(windowsProgram, caller!.Value, address))
            {
                counters.CountDenied();
                supervisor.Respond(id, -Eperm);
                return;
            }
        }
        else if (windowsProgram is not null && kind == SocketCallKind.Bind && length >= BindFrame.SocketAddressSize
            && BinaryPrimitives.ReadUInt16LittleEndian(address) == SockAddrFrame.Inet)
        {
            // eBPF for Windows' bind hook, after Linux's (both must allow, as two filters at one layer).
            hooked = true;
            if (!RunWindowsBind(windowsProgram, caller!.Value, socket, address))
            {
                counters.CountDenied();
                supervisor.Respond(id, -Eperm);
                return;
            }
        }

        if (!hooked)
        {
            counters.CountUnhooked();
        }
        else if (before.AsSpan().SequenceEqual(address.AsSpan(0, length)))
        {
            counters.CountAllowed();
        }
        else
        {
            counters.CountRedirected();
        }

        if (kind == SocketCallKind.Bind)
        {
            supervisor.Respond(id, PerformBind(socket, address, length, skipCapabilityCheck || caller is { CanBindPrivilegedPorts: true }));
        }
        else if (SocketOption(socket, SoType) != SocketStreamType || (Fcntl(socket, FcntlGetStatusFlags, 0) & NonBlocking) != 0)
        {
            // Datagram connects and non-blocking ones return at once (EINPROGRESS for the latter, as the caller expects).
            supervisor.Respond(id, PerformConnect(socket, address, length));
        }
        else
        {
            // A blocking stream connect waits for the handshake: wait on a pool thread, on a descriptor of its own, and
            // answer from there, so the supervisor goes on with other calls meanwhile.
            var own = Fcntl(socket, 1030, 3); // F_DUPFD_CLOEXEC
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                supervisor.Respond(id, PerformConnect(own, address, length));
                Close(own);
            }, null);
        }
    }

    /// <summary>
    /// Runs a Windows <c>bind</c> program on a <c>bind_md_t</c> built from the address (as a <c>SOCKADDR_IN</c>), the
    /// caller's process id, the socket's protocol and the caller's executable name as its application id. True lets
    /// the bind proceed: <c>BIND_PERMIT_SOFT</c>/<c>HARD</c> unchanged, <c>BIND_REDIRECT</c> to the port and address
    /// the program wrote into <c>socket_address</c> (the family stays the socket's); <c>BIND_DENY</c>, a fault or any
    /// other value refuses it, as netebpfext blocks values it does not know.
    /// </summary>
    private bool RunWindowsBind(LoadedProgram program, CallerStatus caller, int socket, byte[] address)
    {
        windowsFrame.Load(address, caller.Task.ProcessId, (byte)SocketOption(socket, SoProtocol), AppIdOf(caller.Task.ThreadId));
        windowsFrame.Caller = caller.Task;
        // Not cached as the Linux frame's is: the application id region's length changes with each caller.
        var request = windowsFrame.Request;
        var result = program.Executable.Run(request with { Regions = request.Regions.AddRange(program.MapRegions) });
        if (result.Fault is not null)
        {
            counters.CountFault();
            return false;
        }

        switch (result.ReturnValue)
        {
            case 0 or 3:
                return true;
            case 2:
                windowsFrame.SocketAddress[2..].CopyTo(address.AsSpan(2));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Runs a Windows <c>sock_addr</c> connect program on the <c>bpf_sock_addr_t</c> already loaded from the address
    /// (<c>msg_src</c> is zero: Linux picks the local end during the connect itself). True lets the connect proceed
    /// (<c>PROCEED_SOFT</c>/<c>HARD</c>), to the <c>user_ip</c> and <c>user_port</c> the program left, which is how
    /// Windows redirects a connection; <c>REJECT</c>, a fault or any other value refuses it, as netebpfext does.
    /// </summary>
    private bool RunWindowsConnect(LoadedProgram program, CallerStatus caller, byte[] address)
    {
        _windowsConnectFrame.Caller = caller.Task;
        var request = _windowsConnectFrame.Request;
        var result = program.Executable.Run(request with { Regions = request.Regions.AddRange(program.MapRegions) });
        if (result.Fault is not null)
        {
            counters.CountFault();
            return false;
        }

        if (!WindowsSockAddrFrame.Proceeds(result.ReturnValue))
        {
            return false;
        }

        _windowsConnectFrame.Store(address);
        return true;
    }

    /// <summary>
    /// The application id a Windows bind program sees: Windows gives the image path in UTF-16 cut after its last
    /// backslash, with its terminating NUL; here the caller's executable file name, the same way. Empty when unknown.
    /// </summary>
    private static byte[] AppIdOf(uint threadId)
    {
        try
        {
            var target = new FileInfo($"/proc/{threadId}/exe").LinkTarget;
            return target is null ? [] : System.Text.Encoding.Unicode.GetBytes(Path.GetFileName(target) + "\0");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private int PerformBind(int socket, byte[] address, int length, bool mayBindPrivileged)
    {
        // The kernel checks the capability of the task that binds, which is the supervisor here: check the caller's instead.
        var port = length >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(address.AsSpan(2)) : 0;
        if (port != 0 && port < _unprivilegedPortStart && !mayBindPrivileged)
        {
            return -Eacces;
        }

        fixed (byte* pointer = address)
        {
            return Bind(socket, pointer, length) == 0 ? 0 : -Marshal.GetLastPInvokeError();
        }
    }

    private static int PerformConnect(int socket, byte[] address, int length)
    {
        fixed (byte* pointer = address)
        {
            return Connect(socket, pointer, length) == 0 ? 0 : -Marshal.GetLastPInvokeError();
        }
    }

    private Runtime.Execution.ExecutionRequest Request(LoadedProgram program)
    {
        if (!_requests.TryGetValue(program, out var request))
        {
            var frameRequest = frame.Request;
            request = frameRequest with { Regions = frameRequest.Regions.AddRange(program.MapRegions) };
            _requests[program] = request;
        }

        return request;
    }

    /// <summary>Copies the caller's buffer once; 0, or -errno (EFAULT for a bad pointer, ESRCH when the caller is gone).</summary>
    private static int ReadCallerMemory(uint pid, ulong remote, Span<byte> into)
    {
        if (into.IsEmpty)
        {
            return 0;
        }

        fixed (byte* pointer = into)
        {
            var local = new IoVector { Base = pointer, Length = (nuint)into.Length };
            var far = new IoVector { Base = (void*)remote, Length = (nuint)into.Length };
            var copied = ProcessVmReadv((int)pid, &local, 1, &far, 1, 0);
            return copied == into.Length ? 0 : copied < 0 ? -Marshal.GetLastPInvokeError() : -Efault;
        }
    }

    /// <summary>A descriptor of the caller's socket <paramref name="fd"/> in this process, or -errno.</summary>
    private static int TakeSocket(uint threadId, int fd)
    {
        var pidfd = Syscall(SysPidfdOpen, threadId, PidfdThread, 0);
        if (pidfd < 0 && Marshal.GetLastPInvokeError() == Einval)
        {
            // Before 6.9 only a process (thread-group leader) has a pidfd; the descriptor table is the process's anyway.
            var tgid = CallerStatus.Read(threadId)?.Task.ProcessId ?? threadId;
            pidfd = Syscall(SysPidfdOpen, tgid, 0, 0);
        }

        if (pidfd < 0)
        {
            return -Marshal.GetLastPInvokeError();
        }

        var socket = Syscall(SysPidfdGetfd, pidfd, fd, 0);
        var error = Marshal.GetLastPInvokeError();
        Close((int)pidfd);
        return socket >= 0 ? (int)socket : -error;
    }

    private static int ReadUnprivilegedPortStart()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_unprivileged_port_start").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 1024;
        }
    }
}
