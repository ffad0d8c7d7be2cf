namespace Ebpf.Service.Contracts;

/// <summary>
/// The routes of the service, under a version prefix: a client built for <c>/v1/</c> keeps working while a
/// later contract is served beside it under its own prefix.
/// </summary>
public static class ServiceRoutes
{
    /// <summary>The version prefix of this contract.</summary>
    public const string Prefix = "/v1";

    /// <summary>GET: the service's status and what the caller may do.</summary>
    public const string Status = Prefix + "/status";

    /// <summary>POST: load an object (<see cref="LoadObjectRequest"/>).</summary>
    public const string Objects = Prefix + "/objects";

    /// <summary>GET: every program; <c>/{id}</c> one, DELETE unloads it; <c>/{id}/run</c>, <c>/{id}/xlated</c>.</summary>
    public const string Programs = Prefix + "/programs";

    /// <summary>GET: every map; POST creates one; <c>/{id}</c>, <c>/{id}/lookup|update|delete|next|entries</c>.</summary>
    public const string Maps = Prefix + "/maps";

    /// <summary>GET: every link; <c>/xdp</c> and <c>/exec</c> POST attach; <c>/{id}</c> DELETE detaches.</summary>
    public const string Links = Prefix + "/links";

    /// <summary>GET <c>?path=</c>: what is pinned there; POST pins (<see cref="PinRequest"/>); DELETE <c>?path=</c> unpins.</summary>
    public const string Pins = Prefix + "/pins";

    /// <summary>The default socket of the service, as a systemd unit runs it.</summary>
    public const string DefaultSocketPath = "/run/ebpfd/ebpfd.sock";

    /// <summary>The environment variable that names another socket.</summary>
    public const string SocketEnvironmentVariable = "EBPF_SOCKET";

    /// <summary>The largest request body the service reads (object files included).</summary>
    public const long MaxRequestBytes = 16L << 20;
}
