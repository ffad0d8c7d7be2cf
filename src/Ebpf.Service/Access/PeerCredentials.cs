using System.Net.Sockets;

namespace Ebpf.Service.Access;

/// <summary>Who is at the other end of a Unix socket, as the kernel recorded at <c>connect</c> (<c>SO_PEERCRED</c>, <c>struct ucred</c>).</summary>
/// <param name="ProcessId">The peer's pid.</param>
/// <param name="UserId">Its effective uid.</param>
/// <param name="GroupId">Its effective gid.</param>
internal sealed record PeerCredentials(int ProcessId, uint UserId, uint GroupId)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The credentials of <paramref name="socket"/>'s peer, or null when the socket has none (not a Unix socket).</summary>
    public static PeerCredentials? Of(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.AddressFamily != AddressFamily.Unix || !OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> ucred = stackalloc byte[12];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        return length < 12 ? null : new PeerCredentials(
            BitConverter.ToInt32(ucred[..4]), BitConverter.ToUInt32(ucred[4..8]), BitConverter.ToUInt32(ucred[8..12]));
    }

    /// <summary>The peer's supplementary groups, from <c>/proc/PID/status</c> (empty when it is gone).</summary>
    public IReadOnlyList<uint> SupplementaryGroups()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
            {
                if (line.StartsWith("Groups:", StringComparison.Ordinal))
                {
                    return [.. line["Groups:".Length..].Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries).Select(uint.Parse)];
                }
            }
        }
        catch (IOException)
        {
            // The process left between connect and now: it has no groups to grant anything.
        }

        return [];
    }
}
