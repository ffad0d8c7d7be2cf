using System.Buffers.Binary;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary><c>bpf_sock_ops_cb_flags_set</c> (59) on a <c>struct bpf_sock_ops</c> the hook or test owns.</summary>
internal static unsafe class SockOpsHelpers
{
    /// <summary><c>BPF_SOCK_OPS_ALL_CB_FLAGS</c>: the callback flags Linux 6.x knows (RTO to WRITE_HDR_OPT).</summary>
    public const uint AllCallbackFlags = 0x7F;

    private const int IsFullsockOffset = 72;
    private const int CallbackFlagsOffset = 84;
    private const int ContextSize = 216;

    /// <summary>
    /// Sets the socket's callback flags to those of <paramref name="flags"/> Linux knows, as the kernel keeps them in
    /// the socket, here in the context's <c>bpf_sock_ops_cb_flags</c>; returns the flags it does not know, or
    /// <c>-EINVAL</c> unless the context is a full socket.
    /// </summary>
    public static ulong CallbackFlagsSet(HelperContext context, ulong ctx, ulong flags, ulong c, ulong d, ulong e)
    {
        if (!context.Require(ctx, ContextSize, write: true, "the context"))
        {
            return Errno.Invalid;
        }

        var fields = new Span<byte>((void*)ctx, ContextSize);
        if (BinaryPrimitives.ReadUInt32LittleEndian(fields[IsFullsockOffset..]) == 0)
        {
            return Errno.Invalid;
        }

        var value = (uint)flags;
        BinaryPrimitives.WriteUInt32LittleEndian(fields[CallbackFlagsOffset..], value & AllCallbackFlags);
        return value & ~AllCallbackFlags;
    }
}
