using System.IO.Pipes;
using System.Net;
using System.Net.Sockets;
using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>
/// An <see cref="HttpClient"/> that speaks HTTP/2 with prior knowledge (h2c) over the service's Unix domain socket,
/// or over its named pipe when the address is one (<see cref="ServiceAddress"/>).
/// </summary>
internal static class ServiceConnection
{
    public static HttpClient Create(string socketPath)
    {
        var address = ServiceAddress.TryParse(socketPath, out var parsed, out _) ? parsed : new ServiceAddress(socketPath, IsNamedPipe: false);
        var handler = new SocketsHttpHandler
        {
            // Every request goes to the one socket or pipe whatever its URI says; the host part is only a name.
            ConnectCallback = async (_, cancellationToken) =>
            {
                if (address.IsNamedPipe)
                {
                    // Identification, not impersonation: the service reads who the caller is and never acts as it.
                    var pipe = new NamedPipeClientStream(".", address.Value, PipeDirection.InOut, PipeOptions.Asynchronous,
                        System.Security.Principal.TokenImpersonationLevel.Identification);
                    try
                    {
                        await pipe.ConnectAsync(cancellationToken).ConfigureAwait(false);
                        return pipe;
                    }
                    catch
                    {
                        await pipe.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                }

                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            // Many parallel requests share one connection as HTTP/2 streams; allow more when one is full.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        };
        return new HttpClient(handler)
        {
            BaseAddress = new Uri("http://ebpfd"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromMinutes(5),
        };
    }
}
