using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>How to reach a host.</summary>
/// <param name="Mode">In-process or the service.</param>
/// <param name="SocketPath">The service's socket; null for <c>EBPF_SOCKET</c>, else <see cref="ServiceRoutes.DefaultSocketPath"/>.</param>
public sealed record BpfHostOptions(BpfHostMode Mode = BpfHostMode.InProcess, string? SocketPath = null)
{
    /// <summary>The socket path after the environment and the default apply.</summary>
    public string EffectiveSocketPath => SocketPath is { Length: > 0 } given ? given : DefaultSocketPath();

    /// <summary><c>EBPF_SOCKET</c> when set, else <see cref="ServiceRoutes.DefaultSocketPath"/>.</summary>
    public static string DefaultSocketPath() =>
        Environment.GetEnvironmentVariable(ServiceRoutes.SocketEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : ServiceRoutes.DefaultSocketPath;
}
