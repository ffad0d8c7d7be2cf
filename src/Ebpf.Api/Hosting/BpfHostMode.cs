namespace Ebpf.Api.Hosting;

/// <summary>Where <see cref="BpfHost.Connect"/> puts objects.</summary>
public enum BpfHostMode
{
    /// <summary>In this process: objects live as long as it does.</summary>
    InProcess,

    /// <summary>In the service <c>ebpfd</c>, over its Unix socket: objects outlive this process.</summary>
    Service,
}
