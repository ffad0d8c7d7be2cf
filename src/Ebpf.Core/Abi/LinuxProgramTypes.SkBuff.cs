namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// <c>struct __sk_buff</c> as the kernel's <c>bpf_skb_is_valid_access</c> opens it to every skb program type
    /// before the type's own rules: 32-bit fields are read whole or narrow, only <c>cb</c> is written (at any
    /// width), <c>sk</c> is read as a 64-bit pointer, and the packet pointers, socket addresses, timestamps and
    /// <c>tc_classid</c> are closed. Program types open more with <see cref="SkBuff"/>'s overrides. Built on each
    /// use (twice) rather than stored: the initialisers of a partial class's files run in no defined order.
    /// </summary>
    private static ContextField[] SkBuffFields =>
    [
        Scalar("len", 0, 4, UpToWord),
        Scalar("pkt_type", 4, 4, UpToWord),
        Scalar("mark", 8, 4, UpToWord),
        Scalar("queue_mapping", 12, 4, UpToWord),
        Scalar("protocol", 16, 4, UpToWord),
        Scalar("vlan_present", 20, 4, UpToWord),
        Scalar("vlan_tci", 24, 4, UpToWord),
        Scalar("vlan_proto", 28, 4, UpToWord),
        Scalar("priority", 32, 4, UpToWord),
        Scalar("ingress_ifindex", 36, 4, UpToWord),
        Scalar("ifindex", 40, 4, UpToWord),
        Scalar("tc_index", 44, 4, UpToWord),
        Scalar("cb", 48, 20, AnySize, AnySize),
        Scalar("hash", 68, 4, UpToWord),
        Scalar("tc_classid", 72, 4, None),
        Pointer("data", 76, 4, ContextFieldKind.PacketStart, None),
        Pointer("data_end", 80, 4, ContextFieldKind.PacketEnd, None),
        Scalar("napi_id", 84, 4, UpToWord),
        Scalar("family", 88, 4, None),
        Scalar("remote_ip4", 92, 4, None),
        Scalar("local_ip4", 96, 4, None),
        Scalar("remote_ip6", 100, 16, None),
        Scalar("local_ip6", 116, 16, None),
        Scalar("remote_port", 132, 4, None),
        Scalar("local_port", 136, 4, None),
        Pointer("data_meta", 140, 4, ContextFieldKind.PacketMetaStart, None),
        Pointer("flow_keys", 144, 8, ContextFieldKind.FlowKeys, None),
        Scalar("tstamp", 152, 8, None),
        Scalar("wire_len", 160, 4, None),
        Scalar("gso_segs", 164, 4, UpToWord),
        Pointer("sk", 168, 8, ContextFieldKind.SocketCommonOrNull, DoubleWord),
        Scalar("gso_size", 176, 4, UpToWord),
        Scalar("tstamp_type", 180, 1, None),
        Scalar("hwtstamp", 184, 8, None),
    ];

    /// <summary><c>struct __sk_buff</c> with the base rules, except the fields <paramref name="opened"/> names, which take the access given there.</summary>
    private static ContextLayout SkBuff(params (string Name, AccessSizes Read, AccessSizes Write)[] opened)
    {
        var rules = opened.ToDictionary(o => o.Name, StringComparer.Ordinal);
        return new ContextLayout("struct __sk_buff", 192,
        [
            .. SkBuffFields.Select(f => rules.TryGetValue(f.Name, out var rule) ? f with { ReadSizes = rule.Read, WriteSizes = rule.Write } : f),
        ]);
    }
}
