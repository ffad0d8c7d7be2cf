using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>How to reach a host.</summary>
/// <param name="Mode">In-process or the service.</param>
/// <param name="SocketPath">
/// The service's socket path, or its named pipe (<c>pipe:NAME</c> or <c>\\.\pipe\NAME</c>, <see cref="ServiceAddress"/>);
/// null for <c>EBPF_SOCKET</c>, else <see cref="ServiceAddress.PlatformDefault"/>.
/// </param>
public sealed record BpfHostOptions(BpfHostMode Mode = BpfHostMode.InProcess, string? SocketPath = null)
{
    /// <summary>The socket path after the environment and the default apply.</summary>
    public string EffectiveSocketPath => SocketPath is { Length: > 0 } given ? given : DefaultSocketPath();

    /// <summary><c>EBPF_SOCKET</c> when set, else <see cref="ServiceAddress.PlatformDefault"/> (the Unix socket, or on Windows the pipe).</summary>
    public static string DefaultSocketPath() =>
        Environment.GetEnvironmentVariable(ServiceRoutes.SocketEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : ServiceAddress.PlatformDefault;
}
