using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Native;
using Ebpf.Runtime.Loading;

namespace Ebpf.Hooks.Xdp.Live;

/// <summary>
/// An XDP program attached to a live Linux interface, as libbpf's <c>bpf_link</c>: workers receive every frame
/// arriving on the interface through packet sockets, run the program, and act on its verdict (PASS out of the
/// peer, TX back out of the interface, REDIRECT out of the interface <c>bpf_redirect</c> or a device map named,
/// DROP and ABORTED nowhere). Maps stay usable from other threads while it runs; disposing detaches.
/// </summary>
/// <remarks>
/// Packet sockets tap the interface; they do not take frames away from the kernel. The program decides a frame's
/// fate only where the kernel does nothing with it: an interface without addresses, outside any kernel bridge,
/// whose one way onward is this link's peer. That is the user-mode bridge <c>docs/xdp.md</c> sets up.
/// </remarks>
public sealed partial class XdpLink : IDisposable
{
    private readonly List<Thread> _threads = [];
    private readonly List<PacketSocket> _sockets = [];
    private readonly List<XdpCounters> _counters = [];
    private readonly XdpAttachOptions _options;
    private long _fromPeer;
    private long _sendErrors;
    private volatile bool _stopping;

    private XdpLink(LoadedProgram program, XdpAttachOptions options, uint ifindex, uint peerIfindex)
    {
        Program = program;
        _options = options;
        Ifindex = ifindex;
        PeerIfindex = peerIfindex;
    }

    /// <summary>The attached program.</summary>
    public LoadedProgram Program { get; }

    /// <summary>The interface the program sees frames of.</summary>
    public string Interface => _options.Interface;

    /// <summary>Its index.</summary>
    public uint Ifindex { get; }

    /// <summary>The peer's index, or 0 when there is none.</summary>
    public uint PeerIfindex { get; }

    /// <summary>The number of workers on each side.</summary>
    public int Workers => _options.Workers;

    /// <summary>The figures so far.</summary>
    public XdpLinkCounters Counters
    {
        get
        {
            lock (_counters)
            {
                return new XdpLinkCounters(XdpCounters.Sum(_counters), Interlocked.Read(ref _fromPeer), Interlocked.Read(ref _sendErrors));
            }
        }
    }

    /// <summary>Attaches <paramref name="program"/>; its object should be loaded with at least <see cref="XdpAttachOptions.Workers"/> CPUs, so that each worker has its own per-CPU slots.</summary>
    /// <exception cref="DiagnosticException">The program is not XDP, an interface does not exist, or packet sockets cannot be opened.</exception>
    public static XdpLink Attach(LoadedProgram program, XdpAttachOptions options)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Workers, 64, nameof(options));
        using (new XdpRunner(program))
        {
            // Refuses a program of another type before any socket is opened.
        }

        var ifindex = Resolve(options.Interface);
        var peer = options.Peer is { } name ? Resolve(name) : 0;
        if (peer == ifindex)
        {
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.InputFormat,
                $"the peer must be another interface than '{options.Interface}'", new DiagnosticLocation())]);
        }

        var link = new XdpLink(program, options, ifindex, peer);
        try
        {
            link.Start();
            return link;
        }
        catch
        {
            link.Dispose();
            throw;
        }
    }

    /// <summary>Stops the workers (each within a poll interval) and closes the sockets.</summary>
    public void Dispose()
    {
        _stopping = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _sockets.Clear();
    }

    private static uint Resolve(string name)
    {
        var index = OperatingSystem.IsLinux() ? LinuxNative.InterfaceIndex(name) : 0;
        return index != 0 ? index : throw new DiagnosticException([new Diagnostic(DiagnosticCode.InterfaceNotFound,
            $"no network interface is named '{name}'", new DiagnosticLocation())]);
    }

    /// <summary>Opens every socket first, so that a failure leaves no worker running, then starts the workers.</summary>
    private void Start()
    {
        var (fanout, peerFanout) = Workers > 1 ? (0, 0) : (-1, -1);
        var starts = new List<ThreadStart>();
        for (var worker = 0; worker < Workers; worker++)
        {
            var receiver = Keep(PacketSocket.OpenReceiver(Ifindex, fanout, _options.PollInterval));
            fanout = receiver.FanoutGroup;
            var sender = Keep(PacketSocket.OpenSender());
            var counters = new XdpCounters();
            _counters.Add(counters);
            var cpu = worker;
            starts.Add(() => IngressLoop(cpu, receiver, sender, counters));
            if (PeerIfindex != 0)
            {
                var peerReceiver = Keep(PacketSocket.OpenReceiver(PeerIfindex, peerFanout, _options.PollInterval));
                peerFanout = peerReceiver.FanoutGroup;
                var peerSender = Keep(PacketSocket.OpenSender());
                starts.Add(() => PeerLoop(peerReceiver, peerSender));
            }
        }

        foreach (var start in starts)
        {
            var thread = new Thread(start) { IsBackground = true, Name = $"xdp {Interface} {_threads.Count}" };
            _threads.Add(thread);
            thread.Start();
        }
    }

    private PacketSocket Keep(PacketSocket socket)
    {
        _sockets.Add(socket);
        return socket;
    }
}
