using System.Runtime.InteropServices;

namespace Ebpf.Hooks.Native;

/// <summary>
/// The glibc calls and kernel structures of seccomp user notification (<c>seccomp_unotify(2)</c>,
/// <c>linux/seccomp.h</c>), pidfds, <c>process_vm_readv</c> and descriptor passing over Unix sockets.
/// </summary>
internal static unsafe partial class SeccompNative
{
    public const int PrSetNoNewPrivs = 38;                 // PR_SET_NO_NEW_PRIVS
    public const int SeccompSetModeFilter = 1;            // SECCOMP_SET_MODE_FILTER
    public const uint FilterFlagNewListener = 1u << 3;    // SECCOMP_FILTER_FLAG_NEW_LISTENER (5.0)
    public const uint FilterFlagWaitKillableRecv = 1u << 5; // SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (5.19)
    public const uint NotifyRecv = 0xC0502100;            // SECCOMP_IOCTL_NOTIF_RECV: _IOWR('!', 0, struct seccomp_notif)
    public const uint NotifySend = 0xC0182101;            // SECCOMP_IOCTL_NOTIF_SEND: _IOWR('!', 1, struct seccomp_notif_resp)
    public const uint NotifyIdValid = 0x40082102;         // SECCOMP_IOCTL_NOTIF_ID_VALID: _IOW('!', 2, __u64)
    public const uint UserNotifyFlagContinue = 1;         // SECCOMP_USER_NOTIF_FLAG_CONTINUE
    public const int PidfdThread = 0x80;                  // PIDFD_THREAD (6.9): a pidfd for a thread, not only a leader
    public const long SysPidfdOpen = 434;                 // the same number on every architecture since 5.3
    public const long SysPidfdGetfd = 438;
    public const int AddressFamilyUnix = 1;               // AF_UNIX
    public const int SocketStream = 1;                    // SOCK_STREAM
    public const int SocketCloseOnExec = 0x80000;         // SOCK_CLOEXEC
    public const int SolSocket = 1;
    public const int ScmRights = 1;                       // SCM_RIGHTS
    public const int SoType = 3;                          // SO_TYPE
    public const int SoProtocol = 38;                     // SO_PROTOCOL
    public const int SoDomain = 39;                       // SO_DOMAIN
    public const int FcntlSetDescriptorFlags = 2;         // F_SETFD
    public const int FcntlGetStatusFlags = 3;             // F_GETFL
    public const int NonBlocking = 0x800;                 // O_NONBLOCK
    public const short PollIn = 0x1;
    public const short PollHangUp = 0x10;
    public const short PollError = 0x8;

    static SeccompNative() => NativeLibraries.EnsureResolver();

    /// <summary>The <c>seccomp</c> system call's number on this architecture (it predates the unified numbering).</summary>
    public static long SysSeccomp => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 277 : 317;

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    // glibc's syscall() is an assembly stub that moves registers, so calling it with fixed arguments is safe.
    [LibraryImport(NativeLibraries.Libc, EntryPoint = "syscall", SetLastError = true)]
    public static partial long Syscall(long number, long arg1, long arg2, long arg3);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "socketpair", SetLastError = true)]
    public static partial int SocketPair(int domain, int type, int protocol, int* pair);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint SendMessage(int fd, MessageHeader* message, int flags);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint ReceiveMessage(int fd, MessageHeader* message, int flags);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "process_vm_readv", SetLastError = true)]
    public static partial nint ProcessVmReadv(int pid, IoVector* local, nuint localCount, IoVector* remote, nuint remoteCount, nuint flags);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, void* address, int length);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, void* address, int length);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSocketOption(int fd, int level, int name, void* value, int* length);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "execvp", SetLastError = true)]
    public static partial int Execvp(byte* file, byte** argv);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "signal")]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport(NativeLibraries.Libc, EntryPoint = "sigprocmask")]
    public static partial int SignalProcessMask(int how, void* set, void* oldSet);

    /// <summary>An integer socket option, or -errno.</summary>
    public static int SocketOption(int fd, int name)
    {
        int value = 0, length = sizeof(int);
        return GetSocketOption(fd, SolSocket, name, &value, &length) == 0 ? value : -Marshal.GetLastPInvokeError();
    }

    /// <summary><c>struct seccomp_data</c> inside <c>struct seccomp_notif</c> (80 bytes in all).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Notification
    {
        public ulong Id;
        public uint Pid;
        public uint Flags;
        public int SyscallNumber;
        public uint Arch;
        public ulong InstructionPointer;
        public fixed ulong Arguments[6];
    }

    /// <summary><c>struct seccomp_notif_resp</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct NotificationResponse
    {
        public ulong Id;
        public long Value;
        public int Error;
        public uint Flags;
    }

    /// <summary><c>struct sock_filter</c>: one classic BPF instruction.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ClassicInstruction
    {
        public ushort Code;
        public byte JumpTrue;
        public byte JumpFalse;
        public uint K;
    }

    /// <summary><c>struct sock_fprog</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ClassicProgram
    {
        public ushort Length;
        public ClassicInstruction* Filter;
    }

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary><c>struct msghdr</c> on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        public void* Name;
        public int NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>A <c>struct cmsghdr</c> carrying one descriptor (<c>CMSG_SPACE(sizeof(int))</c> = 24 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct DescriptorMessage
    {
        public nuint Length;
        public int Level;
        public int Type;
        public int Fd;
        public int Padding;
    }
}
