namespace Ebpf.Api.Hosting;

/// <summary>Chooses a host with one option.</summary>
public static class BpfHost
{
    /// <summary>A host in this process, or a connection to the service.</summary>
    public static IBpfHost Connect(BpfHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Mode == BpfHostMode.Service ? new ServiceBpfHost(options.EffectiveSocketPath) : new LocalBpfHost();
    }
}
