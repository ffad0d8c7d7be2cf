using Ebpf.Service.Access;
using Ebpf.Service.Contracts;

namespace Ebpf.Service.Hosting;

/// <summary>How <c>ebpfd</c> runs: from the command line, the configuration file, or a test.</summary>
/// <param name="SocketPath">The Unix socket it listens on, or on Windows its named pipe (<c>pipe:NAME</c> or <c>\\.\pipe\NAME</c>: <see cref="ServiceAddress"/>).</param>
/// <param name="StateDirectory">Where pins persist; null keeps nothing across restarts.</param>
public sealed record ServiceOptions(string SocketPath = ServiceRoutes.DefaultSocketPath, string? StateDirectory = ServiceOptions.DefaultStateDirectory)
{
    /// <summary>The state directory of a systemd installation.</summary>
    public const string DefaultStateDirectory = "/var/lib/ebpfd";

    /// <summary>The configuration file a systemd installation reads.</summary>
    public const string DefaultConfigurationFile = "/etc/ebpfd/ebpfd.conf";

    /// <summary>Members of this group (besides root) may load, attach, update, delete and pin; null: root only.</summary>
    public string? Group { get; init; }

    /// <summary>What everyone else may do.</summary>
    public PeerAccess Others { get; init; } = PeerAccess.Read;

    /// <summary>The socket file's mode: 0666 by default so that anyone may connect and the peer credentials decide.</summary>
    public UnixFileMode SocketMode { get; init; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>How often maps that programs write are snapshotted to the state directory.</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Log at debug level (every request), not only changes.</summary>
    public bool Verbose { get; init; }
}
