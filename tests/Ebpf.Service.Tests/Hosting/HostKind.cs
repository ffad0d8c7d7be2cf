using Ebpf.Api.Hosting;

namespace Ebpf.Service.Tests.Hosting;

/// <summary>The hosts every host test runs on: the same assertions in-process and through the service.</summary>
public static class HostKind
{
    public const string InProcess = "in-process";
    public const string Service = "service";

    public static TheoryData<string> All => [InProcess, Service];

    /// <summary>A host of the kind; disposing the lease stops the service if one was started.</summary>
    internal static async Task<HostLease> OpenAsync(string kind)
    {
        if (kind == InProcess)
        {
            return new HostLease(BpfHost.Connect(new BpfHostOptions(BpfHostMode.InProcess)), null);
        }

        var service = await TestService.StartAsync();
        return new HostLease(BpfHost.Connect(new BpfHostOptions(BpfHostMode.Service, service.SocketPath)), service);
    }
}

/// <summary>A host and, for the service kind, the service behind it.</summary>
internal sealed class HostLease(IBpfHost host, TestService? service) : IAsyncDisposable
{
    public IBpfHost Host { get; } = host;

    public TestService? Service { get; } = service;

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }
    }
}
