using System.Diagnostics;
using System.Text;

namespace Ebpf.Service.Tests.Processes;

/// <summary>
/// <c>ebpfd</c> as a child process on a socket and state directory of the test's: the real executable, so that it can
/// be killed with SIGKILL and started again on the same state.
/// </summary>
internal sealed class EbpfdProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private EbpfdProcess(Process process, string socket)
    {
        _process = process;
        SocketPath = socket;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string SocketPath { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static EbpfdProcess Start(string folder, params string[] extra)
    {
        var socket = Path.Combine(folder, "ebpfd.sock");
        var start = Binaries.Start(null);
        foreach (var arg in new[] { Binaries.Ebpfd, "--socket", socket, "--state-dir", Path.Combine(folder, "state"), "--snapshot-ms", "100" }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        var daemon = new EbpfdProcess(Process.Start(start)!, socket);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!daemon.Log.Contains("listening on", StringComparison.Ordinal))
        {
            if (daemon._process.HasExited || DateTime.UtcNow > deadline)
            {
                daemon.Dispose();
                throw new InvalidOperationException("ebpfd did not start:\n" + daemon.Log);
            }

            Thread.Sleep(50);
        }

        return daemon;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
