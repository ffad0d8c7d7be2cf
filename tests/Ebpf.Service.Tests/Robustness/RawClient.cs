using System.Net;
using System.Net.Sockets;

namespace Ebpf.Service.Tests.Robustness;

/// <summary>An HTTP/2 client on the service's socket that sends whatever the test writes, bypassing the typed host.</summary>
internal static class RawClient
{
    public static HttpClient Create(string socket) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, token) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
            return new NetworkStream(s, ownsSocket: true);
        },
    })
    {
        BaseAddress = new Uri("http://ebpfd"),
    };

    public static HttpRequestMessage Request(HttpMethod method, string route, HttpContent? content = null) =>
        new(method, route) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = content };
}
