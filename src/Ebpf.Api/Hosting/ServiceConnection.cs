using System.Net;
using System.Net.Sockets;

namespace Ebpf.Api.Hosting;

/// <summary>An <see cref="HttpClient"/> that speaks HTTP/2 with prior knowledge (h2c) over the service's Unix domain socket.</summary>
internal static class ServiceConnection
{
    public static HttpClient Create(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            // Every request goes to the one socket whatever its URI says; the host part is only a name.
            ConnectCallback = async (_, cancellationToken) =>
            {
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
