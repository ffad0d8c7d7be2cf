namespace Ebpf.Core.Abi;

/// <summary>
/// What a load of a context field gives the program, as the kernel's <c>is_valid_access</c> callbacks set
/// <c>reg_type</c>. Pointer fields narrower than 8 bytes (<c>xdp_md.data</c> is a <c>__u32</c> in the uapi) are
/// rewritten when the program is loaded so that the load yields the full pointer, as the kernel's
/// <c>convert_ctx_access</c> does.
/// </summary>
public enum ContextFieldKind
{
    /// <summary>A number (<c>SCALAR_VALUE</c>).</summary>
    Scalar,

    /// <summary>The first byte of the packet (<c>PTR_TO_PACKET</c>).</summary>
    PacketStart,

    /// <summary>One past the last byte of the packet (<c>PTR_TO_PACKET_END</c>).</summary>
    PacketEnd,

    /// <summary>The start of the metadata area before the packet (<c>PTR_TO_PACKET_META</c>); it ends at <see cref="PacketStart"/>.</summary>
    PacketMetaStart,

    /// <summary>A socket, never null (<c>PTR_TO_SOCKET</c>).</summary>
    Socket,

    /// <summary>A socket or request/timewait socket, or null (<c>PTR_TO_SOCK_COMMON_OR_NULL</c>).</summary>
    SocketCommonOrNull,

    /// <summary>The flow dissector's keys (<c>PTR_TO_FLOW_KEYS</c>).</summary>
    FlowKeys,
}
