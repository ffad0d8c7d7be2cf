namespace Ebpf.Runtime.Maps;

/// <summary>
/// Where a batch walk over a map stands: Linux's <c>in_batch</c> / <c>out_batch</c> token. Start with a
/// new cursor and pass the same one to each <see cref="BpfMap.LookupBatch"/> call until it reports
/// <see cref="MapError.NotFound"/>.
/// </summary>
public sealed class MapBatchCursor
{
    /// <summary>True once the walk reached the end of the map.</summary>
    public bool IsComplete { get; internal set; }

    /// <summary>The last key returned, for maps walked in get-next-key order.</summary>
    internal byte[]? LastKey { get; set; }

    /// <summary>The next bucket, for hash maps walked bucket by bucket.</summary>
    internal uint Position { get; set; }

    /// <summary>Starts the walk again from the beginning.</summary>
    public void Reset()
    {
        IsComplete = false;
        LastKey = null;
        Position = 0;
    }
}
