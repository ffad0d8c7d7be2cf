using System.Runtime.InteropServices;
using static Ebpf.Hooks.Native.SeccompNative;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// The classic BPF filter the launcher installs before it executes the command: <c>bind</c> and <c>connect</c> of
/// the native ABI go to the supervisor (<c>SECCOMP_RET_USER_NOTIF</c>), everything else is allowed. A process
/// could reach the same calls through another ABI of the same kernel (i386's <c>int 0x80</c> and
/// <c>socketcall</c>, 32-bit ARM), which the supervisor does not decode: those are refused with EPERM, so the
/// hook cannot be bypassed by switching ABI.
/// </summary>
/// <remarks>
/// <code>
/// seccomp_data: nr @0  arch @4  instruction_pointer @8  args[6] @16 (the low half of args[0] at @16)
/// </code>
/// </remarks>
internal static class SeccompFilter
{
    private const uint ReturnAllow = 0x7fff0000;       // SECCOMP_RET_ALLOW
    private const uint ReturnUserNotify = 0x7fc00000;  // SECCOMP_RET_USER_NOTIF
    private const uint ReturnErrno = 0x00050000;       // SECCOMP_RET_ERRNO
    private const uint Eperm = 1;
    private const ushort LoadWordAbsolute = 0x20;      // BPF_LD | BPF_W | BPF_ABS
    private const ushort JumpEqualConstant = 0x15;     // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort ReturnConstant = 0x06;        // BPF_RET | BPF_K
    private const uint X32Bit = 0x40000000;            // __X32_SYSCALL_BIT

    /// <summary>The system call numbers and audit architectures of the machine's native and compatibility ABIs.</summary>
    internal static HostAbi Host { get; } = RuntimeInformation.ProcessArchitecture == Architecture.Arm64
        ? new HostAbi(0xC00000B7, 200, 203, HasX32: false, 0x40000028, 282, 283, CompatSocketcall: null)   // AUDIT_ARCH_AARCH64, AUDIT_ARCH_ARM
        : new HostAbi(0xC000003E, 49, 42, HasX32: true, 0x40000003, 361, 362, CompatSocketcall: 102);       // AUDIT_ARCH_X86_64, AUDIT_ARCH_I386

    /// <summary>Which intercepted call a notification is, or null for one the filter should not have sent.</summary>
    public static SocketCallKind? Classify(uint arch, int number)
    {
        var host = Host;
        if (arch != host.Arch)
        {
            return null;
        }

        var native = host.HasX32 ? number & ~(int)X32Bit : number;
        return native == host.Bind ? SocketCallKind.Bind : native == host.Connect ? SocketCallKind.Connect : null;
    }

    /// <summary>The filter's instructions for <see cref="Host"/>.</summary>
    public static ClassicInstruction[] Build() => Build(Host);

    internal static ClassicInstruction[] Build(HostAbi host)
    {
        var code = new List<(ushort Code, uint K, string? True, string? False, string? Label)>();
        void Emit(ushort op, uint k, string? jt = null, string? jf = null, string? label = null) => code.Add((op, k, jt, jf, label));

        Emit(LoadWordAbsolute, 4);
        Emit(JumpEqualConstant, host.Arch, null, "foreign");
        Emit(LoadWordAbsolute, 0);
        Emit(JumpEqualConstant, host.Bind, "notify");
        Emit(JumpEqualConstant, host.Connect, "notify");
        if (host.HasX32)
        {
            Emit(JumpEqualConstant, X32Bit | host.Bind, "notify");
            Emit(JumpEqualConstant, X32Bit | host.Connect, "notify");
        }

        Emit(ReturnConstant, ReturnAllow);
        Emit(ReturnConstant, ReturnUserNotify, label: "notify");
        Emit(JumpEqualConstant, host.CompatArch, null, "allow", label: "foreign");
        Emit(LoadWordAbsolute, 0);
        Emit(JumpEqualConstant, host.CompatBind, "refuse");
        Emit(JumpEqualConstant, host.CompatConnect, "refuse");
        if (host.CompatSocketcall is { } socketcall)
        {
            // socketcall(SYS_BIND = 2 | SYS_CONNECT = 3, args): the operation is the first argument.
            Emit(JumpEqualConstant, socketcall, null, "allow");
            Emit(LoadWordAbsolute, 16);
            Emit(JumpEqualConstant, 2, "refuse");
            Emit(JumpEqualConstant, 3, "refuse");
        }

        Emit(ReturnConstant, ReturnAllow, label: "allow");
        Emit(ReturnConstant, ReturnErrno | Eperm, label: "refuse");

        var labels = code.Select((c, i) => (c.Label, i)).Where(x => x.Label is not null).ToDictionary(x => x.Label!, x => x.i);
        byte Offset(string? label, int at) => label is null ? (byte)0 : checked((byte)(labels[label] - at - 1));
        return [.. code.Select((c, i) => new ClassicInstruction { Code = c.Code, K = c.K, JumpTrue = Offset(c.True, i), JumpFalse = Offset(c.False, i) })];
    }

    /// <summary>An architecture's audit number and socket call numbers, native and compatibility ABI.</summary>
    internal sealed record HostAbi(uint Arch, uint Bind, uint Connect, bool HasX32, uint CompatArch, uint CompatBind, uint CompatConnect, uint? CompatSocketcall);
}
