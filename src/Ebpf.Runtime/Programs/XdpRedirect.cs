using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Programs;

/// <summary>Where an XDP program sent its packet with <c>XDP_REDIRECT</c>: an interface, or a slot of a device map.</summary>
/// <param name="Ifindex">The interface <c>bpf_redirect</c> named, or null for a map redirect.</param>
/// <param name="Map">The map <c>bpf_redirect_map</c> named, or null.</param>
/// <param name="Key">The slot of <paramref name="Map"/>.</param>
/// <param name="Flags"><c>BPF_F_BROADCAST</c> (8) and <c>BPF_F_EXCLUDE_INGRESS</c> (16) when broadcasting to every slot; 0 otherwise.</param>
public sealed record XdpRedirect(uint? Ifindex, BpfMap? Map, uint Key, ulong Flags);
