using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ebpf.Cli.Tests.Sockets;

/// <summary>A TCP server on the loopback that answers each connection's first bytes with 'pong'.</summary>
internal sealed class PongServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Thread _thread;

    private PongServer(TcpListener listener)
    {
        _listener = listener;
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static PongServer Start(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        return new PongServer(listener);
    }

    public void Dispose() => _listener.Stop();

    private void Serve()
    {
        try
        {
            while (true)
            {
                using var client = _listener.AcceptTcpClient();
                var buffer = new byte[16];
                _ = client.GetStream().Read(buffer);
                client.GetStream().Write(Encoding.ASCII.GetBytes("pong"));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // Stopped.
        }
    }
}
