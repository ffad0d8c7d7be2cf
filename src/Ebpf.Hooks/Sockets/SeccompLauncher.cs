using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using static Ebpf.Hooks.Native.SeccompNative;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// The first process of a supervised command: it installs the socket hooks' seccomp filter on its own thread, hands
/// the filter's listener to the supervisor over the Unix socket it inherited, waits for the supervisor's go-ahead (one
/// byte on the same socket), and executes the command. Only the
/// calling thread carries the filter; <c>execve</c> keeps it (and ends the runtime's other threads), and every process
/// the command starts inherits it, so the whole tree is supervised from its first instruction.
/// </summary>
/// <remarks>
/// It runs inside a .NET process (the <c>ebpf</c> tool started with <see cref="Verb"/>), so there is no native shim;
/// everything from the filter to <c>execve</c> happens on one thread, with no <c>await</c> in between.
/// </remarks>
public static unsafe class SeccompLauncher
{
    /// <summary>The first argument that makes a host program (the <c>ebpf</c> tool) run <see cref="Run"/>: an internal entry, not a command.</summary>
    public const string Verb = "__sockhook-launch";

    /// <summary>Exit code when the filter could not be installed or handed over (as a shell's "cannot execute").</summary>
    public const int SetupFailed = 126;

    /// <summary>Exit code when the command could not be executed (as a shell's "not found").</summary>
    public const int ExecFailed = 127;

    /// <summary>
    /// Installs the filter, sends the listener over descriptor <c>arguments[0]</c>, waits for one byte on it and executes <c>arguments[1..]</c>.
    /// Returns only when that failed, with <see cref="SetupFailed"/> or <see cref="ExecFailed"/>.
    /// </summary>
    public static int Run(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count < 2 || !int.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var channel))
        {
            Console.Error.WriteLine($"usage: {Verb} FD COMMAND [ARGS...]");
            return SetupFailed;
        }

        // Allocate everything execvp needs before the filter, so nothing between it and execve can fail for memory.
        var argv = new nint[arguments.Count];
        for (var i = 1; i < arguments.Count; i++)
        {
            argv[i - 1] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
        }

        if (Prctl(PrSetNoNewPrivs, 1, 0, 0, 0) != 0)
        {
            return Fail("prctl(PR_SET_NO_NEW_PRIVS)");
        }

        var listener = InstallFilter();
        if (listener < 0)
        {
            return Fail("seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER)");
        }

        if (!SendDescriptor(channel, (int)listener))
        {
            return Fail("sendmsg(SCM_RIGHTS)");
        }

        Close((int)listener);

        // Wait for the supervisor's word before running anything: it may first hand the listener on (to ebpfd), and
        // if that is refused, or the supervisor dies, the command must not run at all (end of file: exit instead).
        byte go = 0;
        nint read;
        do
        {
            read = Read(channel, &go, 1);
        }
        while (read < 0 && Marshal.GetLastPInvokeError() == 4); // EINTR
        if (read != 1)
        {
            Console.Error.WriteLine("ebpf exec: the supervisor went away before the command could start");
            return SetupFailed;
        }

        Close(channel);

        // .NET ignores SIGPIPE, and an ignored signal stays ignored across execve: give the command the default back.
        Signal(13, 0);
        var emptySet = stackalloc byte[128];
        new Span<byte>(emptySet, 128).Clear();
        SignalProcessMask(2, emptySet, null); // SIG_SETMASK
        fixed (nint* vector = argv)
        {
            Execvp((byte*)argv[0], (byte**)vector);
        }

        var error = Marshal.GetLastPInvokeError();
        Console.Error.WriteLine($"ebpf exec: {arguments[1]}: {Marshal.GetPInvokeErrorMessage(error)}");
        return ExecFailed;
    }

    private static long InstallFilter()
    {
        var filter = SeccompFilter.Build();
        fixed (ClassicInstruction* instructions = filter)
        {
            var program = new ClassicProgram { Length = (ushort)filter.Length, Filter = instructions };
            var listener = Syscall(SysSeccomp, SeccompSetModeFilter, FilterFlagNewListener | FilterFlagWaitKillableRecv, (long)&program);
            if (listener < 0 && Marshal.GetLastPInvokeError() == 22)
            {
                // Before 5.19 there is no killable wait: a signal then interrupts a call the supervisor is handling.
                listener = Syscall(SysSeccomp, SeccompSetModeFilter, FilterFlagNewListener, (long)&program);
            }

            return listener;
        }
    }

    private static bool SendDescriptor(int channel, int fd)
    {
        byte marker = 1;
        var vector = new IoVector { Base = &marker, Length = 1 };
        var control = new DescriptorMessage { Length = (nuint)(sizeof(nuint) + 8 + sizeof(int)), Level = SolSocket, Type = ScmRights, Fd = fd };
        var message = new MessageHeader { Vectors = &vector, VectorCount = 1, Control = &control, ControlLength = (nuint)sizeof(DescriptorMessage) };
        return SendMessage(channel, &message, 0) == 1;
    }

    private static int Fail(string call)
    {
        var error = Marshal.GetLastPInvokeError();
        Console.Error.WriteLine(new StringBuilder("ebpf exec: ").Append(call).Append(": ").Append(Marshal.GetPInvokeErrorMessage(error)));
        return SetupFailed;
    }
}
