using System.Globalization;
using Ebpf.Runtime.Programs;

namespace Ebpf.Hooks.Sockets;

/// <summary>
/// What the supervisor needs to know about the calling thread, from <c>/proc/TID/status</c>: its process, real ids,
/// and whether it holds <c>CAP_NET_BIND_SERVICE</c> (the supervisor binds for it, so it checks the caller's
/// capability where the kernel would check its own).
/// </summary>
internal readonly record struct CallerStatus(CallerTask Task, bool CanBindPrivilegedPorts)
{
    private const int CapNetBindService = 10;

    /// <summary>Reads the status of thread <paramref name="threadId"/>; null when it is gone.</summary>
    public static CallerStatus? Read(uint threadId)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{threadId}/status");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        uint tgid = threadId, uid = 0, gid = 0;
        ulong capabilities = 0;
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var value = line.AsSpan(colon + 1).Trim();
            var first = value.IndexOfAny('\t', ' ') is var end and >= 0 ? value[..end] : value;
            switch (line.AsSpan(0, colon))
            {
                case "Tgid":
                    _ = uint.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out tgid);
                    break;
                case "Uid":
                    _ = uint.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out uid);
                    break;
                case "Gid":
                    _ = uint.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out gid);
                    break;
                case "CapEff":
                    _ = ulong.TryParse(first, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out capabilities);
                    break;
                default:
                    break;
            }
        }

        return new CallerStatus(new CallerTask(tgid, threadId, uid, gid), (capabilities & (1UL << CapNetBindService)) != 0);
    }
}
