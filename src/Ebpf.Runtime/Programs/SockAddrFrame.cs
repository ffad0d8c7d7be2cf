using System.Buffers.Binary;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

/// <summary>
/// One socket address as a <c>cgroup_sock_addr</c> program sees it: Linux's <c>struct bpf_sock_addr</c>, followed by
/// the <c>struct bpf_sock</c> its <c>sk</c> field points to. The kernel builds the context from the caller's
/// <c>sockaddr</c> and writes the program's <c>user_ip4</c>/<c>user_ip6</c>/<c>user_port</c> back into it; so does
/// <see cref="Load"/> and <see cref="Store"/>.
/// </summary>
/// <remarks>
/// <code>
/// bpf_sock_addr: user_family @0  user_ip4 @4  user_ip6[4] @8  user_port @24  family @28  type @32  protocol @36
///                msg_src_ip4 @40  msg_src_ip6[4] @44  sk @64 (72 bytes)
/// bpf_sock:      bound_dev_if @0  family @4  type @8  protocol @12 ... (80 bytes), here at frame offset 80
/// sockaddr_in:   family @0  port @2 (network order)  addr @4           (16 bytes)
/// sockaddr_in6:  family @0  port @2  flowinfo @4  addr @8  scope_id @24 (28 bytes)
/// </code>
/// <c>user_port</c> holds the port as the <c>sockaddr</c> does, in network order in its low 16 bits (the kernel's
/// access conversion loads <c>sin_port</c> into the 32-bit field); only those 16 bits go back.
/// </remarks>
public sealed class SockAddrFrame : IDisposable, ICallerEnvironment
{
    /// <summary><c>sizeof(struct bpf_sock_addr)</c>.</summary>
    public const int ContextSize = 72;

    /// <summary><c>sizeof(struct bpf_sock)</c>.</summary>
    public const int SocketSize = 80;

    /// <summary><c>AF_INET</c>.</summary>
    public const int Inet = 2;

    /// <summary><c>AF_INET6</c>.</summary>
    public const int Inet6 = 10;

    /// <summary>Bytes of a <c>sockaddr_in</c>.</summary>
    public const int Inet4AddressLength = 16;

    /// <summary>Bytes of an IPv6 address the kernel accepts (<c>SIN6_LEN_RFC2133</c>: a <c>sockaddr_in6</c> without its scope id).</summary>
    public const int Inet6AddressLength = 24;

    private const int SocketOffset = 80;
    private readonly NativeBuffer _memory = new(SocketOffset + SocketSize);

    /// <summary>The address of the <c>bpf_sock_addr</c> programs receive in r1.</summary>
    public ulong Context => _memory.Address;

    /// <summary>The context's bytes, as the program left them after a run.</summary>
    public Span<byte> ContextBytes => _memory.Span[..ContextSize];

    /// <summary>The calling task, for the identity helpers; null where there is none (a test run).</summary>
    public CallerTask? Caller { get; set; }

    /// <summary>
    /// A run request: r1 is the context, which is writable (the program type's rules say which fields, and the
    /// verifier enforces them); the socket behind <c>sk</c> is read-only.
    /// </summary>
    public ExecutionRequest Request => new(
        [Context],
        [
            new MemoryRegion(Context, ContextSize, true, "bpf_sock_addr"),
            new MemoryRegion(Context + SocketOffset, SocketSize, false, "bpf_sock"),
        ])
    { Environment = this };

    /// <summary>The <c>sockaddr</c> length below which a hook of <paramref name="family"/> does not run (the kernel refuses it with EINVAL); 0 for other families.</summary>
    public static int MinimumAddressLength(int family) => family switch
    {
        Inet => Inet4AddressLength,
        Inet6 => Inet6AddressLength,
        _ => 0,
    };

    /// <summary>
    /// Fills the context from a caller's <c>sockaddr</c> and the socket's family, type and protocol, as the kernel's
    /// <c>__cgroup_bpf_run_filter_sock_addr</c> does; false, leaving the context unchanged, when the address is not
    /// of the socket's family or too short for it (the kernel's hooks do not run then).
    /// </summary>
    public bool Load(ReadOnlySpan<byte> sockaddr, int family, int type, int protocol)
    {
        var minimum = MinimumAddressLength(family);
        if (minimum == 0 || sockaddr.Length < minimum || BinaryPrimitives.ReadUInt16LittleEndian(sockaddr) != family)
        {
            return false;
        }

        var context = _memory.Span;
        context.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(context, (uint)family);
        if (family == Inet)
        {
            sockaddr.Slice(4, 4).CopyTo(context[4..]);
        }
        else
        {
            sockaddr.Slice(8, 16).CopyTo(context[8..]);
        }

        sockaddr.Slice(2, 2).CopyTo(context[24..]);
        BinaryPrimitives.WriteUInt32LittleEndian(context[28..], (uint)family);
        BinaryPrimitives.WriteUInt32LittleEndian(context[32..], (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(context[36..], (uint)protocol);
        BinaryPrimitives.WriteUInt64LittleEndian(context[64..], Context + SocketOffset);

        var socket = context[SocketOffset..];
        BinaryPrimitives.WriteUInt32LittleEndian(socket[4..], (uint)family);
        BinaryPrimitives.WriteUInt32LittleEndian(socket[8..], (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(socket[12..], (uint)protocol);
        return true;
    }

    /// <summary>
    /// Writes the address and port the program left into <paramref name="sockaddr"/> (loaded by <see cref="Load"/>),
    /// as the kernel's context conversion does: the rest of the <c>sockaddr</c> (flow info, scope id) is kept.
    /// </summary>
    public void Store(Span<byte> sockaddr)
    {
        var context = _memory.Span;
        if (BinaryPrimitives.ReadUInt32LittleEndian(context[28..]) == Inet)
        {
            context.Slice(4, 4).CopyTo(sockaddr[4..]);
        }
        else
        {
            context.Slice(8, 16).CopyTo(sockaddr[8..]);
        }

        context.Slice(24, 2).CopyTo(sockaddr[2..]);
    }

    /// <summary>Replaces the whole context, as a test run's <c>ctx_in</c> does; <c>sk</c> is pointed at the frame's socket.</summary>
    public void LoadContext(ReadOnlySpan<byte> context)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(context.Length, ContextSize);
        var memory = _memory.Span;
        memory.Clear();
        context.CopyTo(memory);
        BinaryPrimitives.WriteUInt64LittleEndian(memory[64..], Context + SocketOffset);
        var socket = memory[SocketOffset..];
        context.Slice(28, 12).CopyTo(socket[4..]);
    }

    /// <inheritdoc />
    public void Dispose() => _memory.Dispose();
}
