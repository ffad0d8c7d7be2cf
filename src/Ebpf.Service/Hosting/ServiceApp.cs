using Ebpf.Api.Hosting;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Maps;
using Ebpf.Service.Access;
using Ebpf.Service.Contracts;
using Ebpf.Service.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ebpf.Service.Hosting;

/// <summary>
/// The running service: Kestrel on a Unix socket (or a named pipe on Windows) speaking HTTP/2 with prior knowledge, the access policy in front of
/// the routes, the object table behind them, and the state store that persists pins.
/// </summary>
public sealed class ServiceApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalBpfHost _table;
    private readonly PersistentHost _host;

    private ServiceApp(WebApplication app, LocalBpfHost table, PersistentHost host, ServiceOptions options)
    {
        _app = app;
        _table = table;
        _host = host;
        Options = options;
    }

    /// <summary>What it runs with.</summary>
    public ServiceOptions Options { get; }

    /// <summary>Restores persisted pins, then listens; returns once requests are served.</summary>
    public static async Task<ServiceApp> StartAsync(ServiceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = new AccessPolicy(options.Group, options.Others);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", options.Verbose ? LogLevel.Debug : LogLevel.Warning);
        builder.Services.AddRoutingCore();
        var address = ServiceAddress.Parse(options.SocketPath);
        if (address.IsNamedPipe)
        {
            ServicePipe.Use(builder.WebHost);
        }
        else
        {
            PrepareSocket(options.SocketPath);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = ServiceRoutes.MaxRequestBytes;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 256;
            if (address.IsNamedPipe)
            {
                kestrel.ListenNamedPipe(address.Value, listen => listen.Protocols = HttpProtocols.Http2);
            }
            else
            {
                kestrel.ListenUnixSocket(options.SocketPath, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });

        var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ebpfd");
        var storage = options.StateDirectory is null ? null : new FileMappedMapStorage(Path.Combine(options.StateDirectory, "mapped"));
        var table = new LocalBpfHost(storage ?? MapStorage.Memory);
        var host = new PersistentHost(table, options.StateDirectory, options.SnapshotInterval, log, storage);
        try
        {
            host.Restore();
            app.Use((context, next) => Authorize(context, next, policy, log));
            ServiceEndpoints.Map(app, host, context => Status(context, policy, options), context => Peer(context)?.ProcessId);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows() && !address.IsNamedPipe)
            {
                File.SetUnixFileMode(options.SocketPath, options.SocketMode);
            }

            log.LogInformation("ebpfd {Pid} listening on {Socket} (group {Group}, others {Others}, state {State})",
                Environment.ProcessId, options.SocketPath, options.Group ?? "(root only)", options.Others, options.StateDirectory ?? "(none)");
            return new ServiceApp(app, table, host, options);
        }
        catch
        {
            host.Dispose();
            table.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the host is told to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Stops listening, snapshots the persisted maps one last time, and frees every object.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        _host.Dispose();
        _table.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
        try
        {
            if (ServiceAddress.TryParse(Options.SocketPath, out var address, out _) && !address.IsNamedPipe)
            {
                File.Delete(Options.SocketPath);
            }
        }
        catch (IOException)
        {
            // Another instance may own the path by now; leave it.
        }
    }

    private static void PrepareSocket(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder) && !OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        // A socket file left by a killed instance would make bind fail with EADDRINUSE.
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static PeerCredentials? Peer(HttpContext context) =>
        context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket ? PeerCredentials.Of(socket) : null;

    private static ServiceStatus Status(HttpContext context, AccessPolicy policy, ServiceOptions options)
    {
        var peer = Peer(context);
        return new ServiceStatus(typeof(ServiceApp).Assembly.GetName().Version?.ToString() ?? "0", Environment.ProcessId, peer?.UserId ?? uint.MaxValue,
            Identify(context, policy).Granted.ToString().ToLowerInvariant(), options.StateDirectory);
    }

    /// <summary>What the caller may do, and who it is for the log: a Unix socket's peer credentials, or on Windows a named pipe client's token.</summary>
    private static (PeerAccess Granted, string Who) Identify(HttpContext context, AccessPolicy policy)
    {
        if (OperatingSystem.IsWindows() && context.Features.Get<IConnectionNamedPipeFeature>()?.NamedPipe is { } pipe)
        {
            var caller = PipeCaller.Of(pipe, policy.Group);
            return (policy.AccessOf(caller), caller?.Name ?? "an unidentified pipe client");
        }

        var peer = Peer(context);
        return (policy.AccessOf(peer), peer is null ? "an unidentified peer" : $"uid {peer.UserId} pid {peer.ProcessId}");
    }

    private static async Task Authorize(HttpContext context, Func<Task> next, AccessPolicy policy, ILogger log)
    {
        var needed = AccessPolicy.Needed(context.Request);
        var (granted, who) = Identify(context, policy);
        if (needed > granted)
        {
            log.LogWarning("refused {Method} {Path} from {Caller}: needs {Needed}, has {Granted}",
                context.Request.Method, context.Request.Path, who, needed, granted);
            await ServiceErrors.WriteAsync(context, [new Diagnostic(DiagnosticCode.ServicePermissionDenied,
                $"{who} may {granted.ToString().ToLowerInvariant()} but {context.Request.Method} {context.Request.Path} needs {needed.ToString().ToLowerInvariant()} access: "
                + (OperatingSystem.IsWindows() ? "run elevated or as a member of the service's group" : "run as root or as a member of the service's group"),
                new DiagnosticLocation())]).ConfigureAwait(false);
            return;
        }

        if (needed == PeerAccess.Write)
        {
            log.LogInformation("{Method} {Path} from {Caller}", context.Request.Method, context.Request.Path, who);
        }
        else
        {
            log.LogDebug("{Method} {Path} from {Caller}", context.Request.Method, context.Request.Path, who);
        }

        await next().ConfigureAwait(false);
    }
}
