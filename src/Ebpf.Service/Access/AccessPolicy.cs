using Ebpf.Service.Contracts;
using Microsoft.AspNetCore.Http;

namespace Ebpf.Service.Access;

/// <summary>
/// Who may do what: root and members of the configured group may change things, everyone else gets
/// <see cref="Others"/>. Reads are GET requests plus the map lookups and get-next-key that carry a key in a body.
/// </summary>
internal sealed class AccessPolicy
{
    private readonly uint? _groupId;

    public AccessPolicy(string? group, PeerAccess others)
    {
        Others = others;
        Group = group;

        // On Windows the group is a Windows group, checked by name against the pipe client's token (PipeCaller).
        _groupId = group is null || OperatingSystem.IsWindows() ? null
            : GroupId(group) ?? throw new ArgumentException($"no group '{group}' in /etc/group", nameof(group));
    }

    /// <summary>What peers that are neither root nor in the group may do.</summary>
    public PeerAccess Others { get; }

    /// <summary>The group whose members may change things, or null.</summary>
    public string? Group { get; }

    /// <summary>What a named pipe's caller may do on Windows: LocalSystem, elevated administrators and group members write; others get <see cref="Others"/>.</summary>
    public PeerAccess AccessOf(PipeCaller? caller) =>
        caller is not null && (caller.Privileged || caller.InGroup) ? PeerAccess.Write : Others;

    /// <summary>What <paramref name="peer"/> may do; no credentials (not a Unix socket) is <see cref="Others"/>.</summary>
    public PeerAccess AccessOf(PeerCredentials? peer)
    {
        if (peer is null)
        {
            return Others;
        }

        if (peer.UserId == 0 || (_groupId is { } group && (peer.GroupId == group || peer.SupplementaryGroups().Contains(group))))
        {
            return PeerAccess.Write;
        }

        return Others;
    }

    /// <summary>What a request needs.</summary>
    public static PeerAccess Needed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value ?? "";
        if (path == ServiceRoutes.Status)
        {
            return PeerAccess.None;
        }

        if (HttpMethods.IsGet(request.Method) || (HttpMethods.IsPost(request.Method) && path.StartsWith(ServiceRoutes.Maps + "/", StringComparison.Ordinal)
            && (path.EndsWith("/lookup", StringComparison.Ordinal) || path.EndsWith("/next", StringComparison.Ordinal))))
        {
            return PeerAccess.Read;
        }

        return PeerAccess.Write;
    }

    private static uint? GroupId(string group)
    {
        if (uint.TryParse(group, out var numeric))
        {
            return numeric;
        }

        foreach (var line in File.ReadLines("/etc/group"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == group && uint.TryParse(fields[2], out var id))
            {
                return id;
            }
        }

        return null;
    }
}
