using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>eBPF for Windows' program types this platform supports, under Windows' numbers (<see cref="WindowsProgramType"/>).</summary>
internal static partial class WindowsProgramTypes
{
    /// <summary><c>sizeof(bind_md_t)</c>: three 8-byte fields, 16 address bytes, then three small fields padded to 8.</summary>
    public const int BindContextSize = 56;

    /// <summary>Every supported program type.</summary>
    public static ImmutableArray<ProgramTypeDescriptor> All => [Xdp, Bind, CgroupSockAddr, XdpTest];

    /// <summary>
    /// <c>BPF_PROG_TYPE_BIND</c> on <c>bind_md_t</c> (<c>ebpf_nethooks.h</c>): a socket's <c>bind</c>, IPv4, as
    /// netebpfext's bind hook fills it. Its context descriptor makes <c>app_id_start</c>/<c>app_id_end</c> the
    /// program's data and data end (the application's name), so they are packet pointers here; the other fields are
    /// numbers, read at any width. Only <c>socket_address</c> is writable: it is what the hook reads back for a
    /// redirect (eBPF for Windows' verifier leaves all but the pointers writable; nothing else is read back).
    /// Helpers: every general helper (the type adds none). Return value: <c>bind_action_t</c>.
    /// </summary>
    public static ProgramTypeDescriptor Bind { get; } = new(
        "bind",
        WindowsProgramType.Bind,
        new ContextLayout("bind_md_t", BindContextSize,
        [
            new("app_id_start", 0, 8, ContextFieldKind.PacketStart, AccessSizes.DoubleWord, AccessSizes.None),
            new("app_id_end", 8, 8, ContextFieldKind.PacketEnd, AccessSizes.DoubleWord, AccessSizes.None),
            new("process_id", 16, 8, ContextFieldKind.Scalar, AccessSizes.All, AccessSizes.None),
            new("socket_address", 24, 16, ContextFieldKind.Scalar, AccessSizes.All, AccessSizes.All),
            new("socket_address_length", 40, 1, ContextFieldKind.Scalar, AccessSizes.Byte, AccessSizes.None),
            new("operation", 44, 4, ContextFieldKind.Scalar, AccessSizes.UpToWord, AccessSizes.None),
            new("protocol", 48, 1, ContextFieldKind.Scalar, AccessSizes.Byte, AccessSizes.None),
        ]),
        WindowsHelpers.General,
        new ReturnValueRule(new ValueRange(0, 3),
        [
            new(0, "BIND_PERMIT_SOFT", "the bind proceeds (also BIND_PERMIT)"),
            new(1, "BIND_DENY", "the bind fails with EPERM (WSAEACCES on Windows)"),
            new(2, "BIND_REDIRECT", "the bind proceeds, to the socket_address the program wrote"),
            new(3, "BIND_PERMIT_HARD", "the bind proceeds"),
        ]))
    {
        AttachTypes = [WindowsAttachType.Bind],
    };
}
