namespace Ebpf.Service.Access;

/// <summary>What a peer may do.</summary>
public enum PeerAccess
{
    /// <summary>Nothing but ask the status.</summary>
    None,

    /// <summary>Show and read: programs, maps, links, pins, lookups and dumps.</summary>
    Read,

    /// <summary>Everything: load, attach, update, delete, pin, run.</summary>
    Write,
}
