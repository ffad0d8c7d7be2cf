using Ebpf.Api.Hosting;
using Ebpf.Service.Access;
using Ebpf.Service.Hosting;

namespace Ebpf.Service.Tests;

/// <summary>An <c>ebpfd</c> in this process on a socket and state directory of its own, removed with it.</summary>
internal sealed class TestService : IAsyncDisposable
{
    private TestService(ServiceApp app, string folder)
    {
        App = app;
        Folder = folder;
    }

    public ServiceApp App { get; private set; }

    public string Folder { get; }

    public string SocketPath => App.Options.SocketPath;

    public string StateDirectory => App.Options.StateDirectory!;

    public static async Task<TestService> StartAsync(Func<ServiceOptions, ServiceOptions>? adjust = null, string? folder = null)
    {
        folder ??= NewFolder();
        var options = new ServiceOptions(Path.Combine(folder, "ebpfd.sock"), Path.Combine(folder, "state")) { Others = PeerAccess.Read, Verbose = Environment.GetEnvironmentVariable("EBPFD_TEST_VERBOSE") == "1" };
        return new TestService(await ServiceApp.StartAsync(adjust?.Invoke(options) ?? options), folder);
    }

    /// <summary>A fresh folder under /tmp (short: a Unix socket path has at most 107 bytes).</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine("/tmp", "ebpfd-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public ServiceBpfHost Connect() => new(SocketPath);

    /// <summary>Removes a folder of <see cref="NewFolder"/> that no service object owns (the child-process tests').</summary>
    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // /tmp is cleaned eventually.
        }
    }

    /// <summary>Stops the service as a clean shutdown would, and starts it again on the same state.</summary>
    public async Task RestartAsync()
    {
        var options = App.Options;
        await App.DisposeAsync();
        App = await ServiceApp.StartAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file; /tmp is cleaned eventually.
        }
    }
}
