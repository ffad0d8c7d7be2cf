namespace Ebpf.Hooks.Xdp.Capture;

/// <summary>When a packet was captured, as pcap records it: seconds and microseconds since the Unix epoch.</summary>
/// <param name="Seconds">Whole seconds.</param>
/// <param name="Microseconds">Microseconds within the second.</param>
public readonly record struct PacketTimestamp(long Seconds, long Microseconds);
