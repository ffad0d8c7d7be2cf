namespace Ebpf.Hooks.Xdp;

/// <summary>
/// Packets and bytes per verdict. One instance belongs to one thread (a capture run, a live worker): adding is
/// plain arithmetic, and other threads may read figures that are at most a packet behind.
/// </summary>
public sealed class XdpCounters
{
    private const int Actions = (int)XdpAction.Redirect + 1;
    private readonly long[] _packets = new long[Actions];
    private readonly long[] _bytes = new long[Actions];

    /// <summary>Packets the program could not see: shorter than an Ethernet header or longer than a frame holds.</summary>
    public long Skipped { get; private set; }

    /// <summary>Packets that ran through the program, all verdicts.</summary>
    public long Packets => _packets.Sum();

    /// <summary>Bytes of packets that ran through the program, as they left it.</summary>
    public long Bytes => _bytes.Sum();

    /// <summary>Packets that got <paramref name="action"/>.</summary>
    public long PacketsOf(XdpAction action) => Volatile.Read(ref _packets[(int)action]);

    /// <summary>Bytes of the packets that got <paramref name="action"/>, as the program left them.</summary>
    public long BytesOf(XdpAction action) => Volatile.Read(ref _bytes[(int)action]);

    /// <summary>Counts one packet.</summary>
    public void Add(XdpAction action, int bytes)
    {
        _packets[(int)action]++;
        _bytes[(int)action] += bytes;
    }

    /// <summary>Counts one packet the program could not see.</summary>
    public void AddSkipped() => Skipped++;

    /// <summary>The sum of several threads' counters.</summary>
    public static XdpCounters Sum(IEnumerable<XdpCounters> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var sum = new XdpCounters();
        foreach (var part in parts)
        {
            for (var i = 0; i < Actions; i++)
            {
                sum._packets[i] += part.PacketsOf((XdpAction)i);
                sum._bytes[i] += part.BytesOf((XdpAction)i);
            }

            sum.Skipped += part.Skipped;
        }

        return sum;
    }
}
