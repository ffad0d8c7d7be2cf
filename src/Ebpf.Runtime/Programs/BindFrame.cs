using System.Buffers.Binary;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Programs;

/// <summary>
/// One <c>bind</c> as an eBPF for Windows <c>bind</c> program sees it: its <c>bind_md_t</c>, followed by the
/// application id that <c>app_id_start</c>/<c>app_id_end</c> delimit (the program's data, as Windows' context
/// descriptor declares them).
/// </summary>
/// <remarks>
/// <code>
/// bind_md_t: app_id_start @0  app_id_end @8  process_id @16  socket_address[16] @24  socket_address_length @40
///            operation @44 (bind_operation_t)  protocol @48   (56 bytes)
/// socket_address: a SOCKADDR_IN, as netebpfext fills it: family @0 (AF_INET, 2)  port @2 (network order)  addr @4  zero[8] @8
/// </code>
/// Windows' hook sets <c>app_id</c> to the application's path in UTF-16 cut after its last backslash; here it is
/// the executable's file name in UTF-16 with its terminating NUL, so programs comparing wide characters run unchanged.
/// </remarks>
public sealed class BindFrame : IDisposable, ICallerEnvironment
{
    /// <summary><c>sizeof(bind_md_t)</c>.</summary>
    public const int ContextSize = 56;

    /// <summary>Bytes of <c>socket_address</c>: one <c>SOCKADDR_IN</c>.</summary>
    public const int SocketAddressSize = 16;

    /// <summary>The most bytes of application id a frame holds; longer ids are cut.</summary>
    public const int AppIdCapacity = 512;

    /// <summary><c>BIND_OPERATION_BIND</c>: entry to <c>bind</c>.</summary>
    public const int OperationBind = 0;

    private const int AppIdOffset = ContextSize + 8;
    private readonly NativeBuffer _memory = new(AppIdOffset + AppIdCapacity);
    private int _appIdLength;

    /// <summary>The address of the <c>bind_md_t</c> programs receive in r1.</summary>
    public ulong Context => _memory.Address;

    /// <summary>The <c>socket_address</c> as the program left it: where a redirect binds.</summary>
    public ReadOnlySpan<byte> SocketAddress => _memory.Span.Slice(24, SocketAddressSize);

    /// <summary>The application id, as the program left it.</summary>
    public ReadOnlySpan<byte> AppId => _memory.Span.Slice(AppIdOffset, _appIdLength);

    /// <summary>
    /// The context as eBPF for Windows' test run returns it (<c>_ebpf_bind_context_destroy</c>): as the program left it,
    /// with the two application id pointers zeroed.
    /// </summary>
    public byte[] ContextOut
    {
        get
        {
            var bytes = _memory.Span[..ContextSize].ToArray();
            bytes.AsSpan(0, 16).Clear();
            return bytes;
        }
    }

    /// <inheritdoc />
    public CallerTask? Caller { get; set; }

    /// <summary>A run request: r1 is the context, which the program may write (the verifier says where), then the application id.</summary>
    public ExecutionRequest Request => new(
        [Context],
        [
            new MemoryRegion(Context, ContextSize, true, "bind_md"),
            new MemoryRegion(Context + AppIdOffset, (ulong)_appIdLength, true, "app_id"),
        ])
    { Environment = this };

    /// <summary>
    /// Fills the context for a <c>bind</c> of an IPv4 <paramref name="sockaddr"/> (its first 16 bytes, a
    /// <c>sockaddr_in</c>, whose layout Windows' <c>SOCKADDR_IN</c> shares), as netebpfext's resource assignment
    /// callout does; false, leaving the frame unchanged, when the address is not IPv4 or too short.
    /// </summary>
    public bool Load(ReadOnlySpan<byte> sockaddr, ulong processId, byte protocol, ReadOnlySpan<byte> appId)
    {
        if (sockaddr.Length < SocketAddressSize || BinaryPrimitives.ReadUInt16LittleEndian(sockaddr) != SockAddrFrame.Inet)
        {
            return false;
        }

        Span<byte> context = stackalloc byte[ContextSize];
        BinaryPrimitives.WriteUInt64LittleEndian(context[16..], processId);
        sockaddr[..SocketAddressSize].CopyTo(context[24..]);
        context[40] = SocketAddressSize;
        BinaryPrimitives.WriteUInt32LittleEndian(context[44..], OperationBind);
        context[48] = protocol;
        LoadContext(context, appId);
        return true;
    }

    /// <summary>Replaces the context and the application id, as a test run's <c>ctx_in</c> and <c>data_in</c> do; the pointers are set to the id.</summary>
    public void LoadContext(ReadOnlySpan<byte> context, ReadOnlySpan<byte> appId)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(context.Length, ContextSize);
        var memory = _memory.Span;
        memory.Clear();
        context.CopyTo(memory);
        _appIdLength = Math.Min(appId.Length, AppIdCapacity);
        appId[.._appIdLength].CopyTo(memory[AppIdOffset..]);
        BinaryPrimitives.WriteUInt64LittleEndian(memory, Context + AppIdOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(memory[8..], Context + AppIdOffset + (ulong)_appIdLength);
    }

    /// <summary>What a return value means: one of <c>bind_action_t</c>, by <see cref="AbiTable.Windows"/>'s names, or null for another value.</summary>
    public static string? ActionName(ulong returnValue) =>
        returnValue <= 3 ? AbiTable.Windows.FindProgramType(WindowsProgramType.Bind)!.ReturnValue.Find((long)returnValue)?.Name : null;

    /// <inheritdoc />
    public void Dispose() => _memory.Dispose();
}
