namespace Ebpf.Verifier.Domains;

/// <summary>
/// What a register or stack cell holds, the type domain of PREVAIL and the kernel's <c>enum bpf_reg_type</c>.
/// Pointers carry an offset into their region as a numeric variable; numbers carry their signed and unsigned value.
/// </summary>
internal enum ValueKind : byte
{
    /// <summary>Never written on some path (<c>NOT_INIT</c>).</summary>
    Uninitialized,

    /// <summary>A number (<c>SCALAR_VALUE</c>).</summary>
    Number,

    /// <summary>Written, but with different kinds on different paths: it may be moved and spilled, nothing else.</summary>
    Mixed,

    /// <summary>The context structure (<c>PTR_TO_CTX</c>).</summary>
    Context,

    /// <summary>The stack (<c>PTR_TO_STACK</c>); the offset counts from the bottom of the deepest possible frame.</summary>
    Stack,

    /// <summary>Packet data (<c>PTR_TO_PACKET</c>); the offset counts from the packet's first byte.</summary>
    Packet,

    /// <summary>One past the packet's last byte (<c>PTR_TO_PACKET_END</c>), that is packet + <c>packet_size</c>.</summary>
    PacketEnd,

    /// <summary>The metadata area before the packet (<c>PTR_TO_PACKET_META</c>); the offset counts from the packet's first byte, so it is negative.</summary>
    PacketMeta,

    /// <summary>A value of a map (<c>PTR_TO_MAP_VALUE</c>), global data included.</summary>
    MapValue,

    /// <summary>A key of a map, read-only, given to <c>bpf_for_each_map_elem</c> callbacks (<c>PTR_TO_MAP_KEY</c>).</summary>
    MapKey,

    /// <summary>A map itself (<c>CONST_PTR_TO_MAP</c>), only for helper arguments.</summary>
    MapPointer,

    /// <summary>A ring buffer record from <c>bpf_ringbuf_reserve</c> (<c>PTR_TO_MEM | MEM_RINGBUF</c>).</summary>
    Record,

    /// <summary>A function of the program, for callbacks (<c>PTR_TO_FUNC</c>).</summary>
    Function,

    /// <summary>A socket from the context (<c>PTR_TO_SOCKET</c>, <c>PTR_TO_SOCK_COMMON</c>), only for helper arguments.</summary>
    Socket,

    /// <summary>
    /// A kernel object typed by the target BTF (<c>PTR_TO_BTF_ID</c>): <see cref="AbstractType.TypeId"/> names its struct,
    /// the offset counts from its start. Read only, through loads the struct's members allow.
    /// </summary>
    BtfObject,
}
