namespace Ebpf.Hooks.Xdp.Live;

/// <summary>Where and how an XDP program is attached to a live interface.</summary>
/// <param name="Interface">The interface whose arriving frames the program sees (<c>ip link</c> name).</param>
public sealed record XdpAttachOptions(string Interface)
{
    /// <summary>The interface <c>XDP_PASS</c> frames go out of, and whose arriving frames go back out of <see cref="Interface"/> unchanged (a user-mode bridge); null to pass nothing.</summary>
    public string? Peer { get; init; }

    /// <summary>Threads receiving on <see cref="Interface"/> (and on <see cref="Peer"/>), sharing it through <c>PACKET_FANOUT</c>; worker i runs as per-CPU slot i.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>How long a worker waits for a frame before it looks whether it should stop: the longest a detach waits.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
