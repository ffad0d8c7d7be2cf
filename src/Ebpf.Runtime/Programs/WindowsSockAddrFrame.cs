using System.Buffers.Binary;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

/// <summary>
/// One connection as an eBPF for Windows <c>sock_addr</c> program sees it: Windows' own <c>bpf_sock_addr_t</c>, built
/// from a Linux <c>sockaddr</c> as netebpfext builds it from the WFP classify values. For connect, <c>user_*</c> is the
/// remote the caller named and <c>msg_src_*</c> the local end (zero until the socket is bound); the hook reads
/// <c>user_*</c> back, which is how a program redirects.
/// </summary>
/// <remarks>
/// <code>
/// bpf_sock_addr_t: family @0  msg_src_ip4|msg_src_ip6[4] @4  msg_src_port @20 (u16, network order)
///                  user_ip4|user_ip6[4] @24  user_port @40 (u16, network order)  protocol @44  compartment_id @48
///                  interface_luid @56   (64 bytes)
/// </code>
/// Windows' <c>AF_INET6</c> is 23 and Linux's 10: <c>family</c> holds Windows' number, so programs comparing it with
/// their header's <c>AF_INET6</c> run unchanged. The compartment is 1 (Windows' default) and the LUID 0 (unknown).
/// </remarks>
public sealed class WindowsSockAddrFrame : IDisposable, ICallerEnvironment
{
    /// <summary><c>sizeof(bpf_sock_addr_t)</c>.</summary>
    public const int ContextSize = 64;

    /// <summary>Windows' <c>AF_INET</c>, the same as Linux's.</summary>
    public const int WindowsInet = 2;

    /// <summary>Windows' <c>AF_INET6</c>.</summary>
    public const int WindowsInet6 = 23;

    /// <summary>Windows' default network compartment (<c>DEFAULT_COMPARTMENT_ID</c>).</summary>
    public const int DefaultCompartment = 1;

    private readonly NativeBuffer _memory = new(ContextSize);

    /// <summary>The address of the <c>bpf_sock_addr_t</c> programs receive in r1.</summary>
    public ulong Context => _memory.Address;

    /// <summary>The context's bytes, as the program left them after a run.</summary>
    public Span<byte> ContextBytes => _memory.Span;

    /// <inheritdoc />
    public CallerTask? Caller { get; set; }

    /// <summary>A run request: r1 is the context, writable where the program type's rules say (the verifier enforces them).</summary>
    public ExecutionRequest Request => new([Context], [new MemoryRegion(Context, ContextSize, true, "bpf_sock_addr_t")]) { Environment = this };

    /// <summary>
    /// Fills the context for a connect of the caller's <paramref name="remote"/> (a Linux <c>sockaddr_in</c> or
    /// <c>sockaddr_in6</c> of the socket's <paramref name="family"/>) from <paramref name="local"/> (the socket's name,
    /// or empty when unbound); false, leaving the frame unchanged, when the address does not suit the family.
    /// </summary>
    public bool Load(ReadOnlySpan<byte> remote, ReadOnlySpan<byte> local, int family, int protocol)
    {
        var minimum = SockAddrFrame.MinimumAddressLength(family);
        if (minimum == 0 || remote.Length < minimum || BinaryPrimitives.ReadUInt16LittleEndian(remote) != family)
        {
            return false;
        }

        var context = _memory.Span;
        context.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(context, (uint)(family == SockAddrFrame.Inet ? WindowsInet : WindowsInet6));
        if (local.Length >= minimum && BinaryPrimitives.ReadUInt16LittleEndian(local) == family)
        {
            CopyEndpoint(local, context[4..], family);
        }

        CopyEndpoint(remote, context[24..], family);
        BinaryPrimitives.WriteUInt32LittleEndian(context[44..], (uint)protocol);
        BinaryPrimitives.WriteUInt32LittleEndian(context[48..], DefaultCompartment);
        return true;
    }

    /// <summary>Writes <c>user_ip</c> and <c>user_port</c> as the program left them into <paramref name="sockaddr"/> (loaded by <see cref="Load"/>): the connect redirect.</summary>
    public void Store(Span<byte> sockaddr)
    {
        var context = _memory.Span;
        var inet = BinaryPrimitives.ReadUInt32LittleEndian(context) == WindowsInet;
        context.Slice(24, inet ? 4 : 16).CopyTo(sockaddr[(inet ? 4 : 8)..]);
        context.Slice(40, 2).CopyTo(sockaddr[2..]);
    }

    /// <summary>Replaces the whole context, as a test run's <c>ctx_in</c> does.</summary>
    public void LoadContext(ReadOnlySpan<byte> context)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(context.Length, ContextSize);
        context.CopyTo(_memory.Span);
    }

    /// <summary>True when <paramref name="returnValue"/> lets the call proceed: <c>PROCEED_SOFT</c> or <c>PROCEED_HARD</c>; anything else rejects, as netebpfext treats it.</summary>
    public static bool Proceeds(ulong returnValue) => returnValue is 1 or 2;

    /// <summary>What a return value means, by <see cref="AbiTable.Windows"/>'s names, or null for another value.</summary>
    public static string? VerdictName(ulong returnValue) =>
        returnValue <= 2 ? AbiTable.Windows.FindProgramType(WindowsProgramType.CgroupSockAddr)!.ReturnValue.Find((long)returnValue)?.Name : null;

    /// <inheritdoc />
    public void Dispose() => _memory.Dispose();

    /// <summary>A Linux <c>sockaddr_in</c>/<c>sockaddr_in6</c>'s address and port into one of the context's 20-byte groups.</summary>
    private static void CopyEndpoint(ReadOnlySpan<byte> sockaddr, Span<byte> group, int family)
    {
        if (family == SockAddrFrame.Inet)
        {
            sockaddr.Slice(4, 4).CopyTo(group);
        }
        else
        {
            sockaddr.Slice(8, 16).CopyTo(group);
        }

        sockaddr.Slice(2, 2).CopyTo(group[16..]);
    }
}
