using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Programs;

namespace Ebpf.Hooks.Xdp.Live;

/// <summary>The workers' loops: receive a frame, run the program, act on its verdict.</summary>
public sealed partial class XdpLink
{
    /// <summary><c>BPF_F_BROADCAST</c>.</summary>
    private const ulong BroadcastFlag = 8;

    /// <summary><c>BPF_F_EXCLUDE_INGRESS</c>.</summary>
    private const ulong ExcludeIngressFlag = 16;

    /// <summary>The hot path of one worker: receive, run, act; nothing allocated per frame.</summary>
    private void IngressLoop(int cpu, PacketSocket receiver, PacketSocket sender, XdpCounters counters)
    {
        using var scope = ExecutionCpu.Enter(cpu);
        using var runner = new XdpRunner(Program);
        var buffer = GC.AllocateUninitializedArray<byte>(XdpFrame.MaxPacket + 1, pinned: true);
        while (!_stopping)
        {
            var length = receiver.Receive(buffer);
            if (length <= 0)
            {
                BackOffAfterError(length);
                continue;
            }

            if (!XdpRunner.Fits(length))
            {
                counters.AddSkipped();
                continue;
            }

            var action = runner.Run(buffer.AsSpan(0, length), Ifindex, (uint)cpu);
            var packet = runner.Packet;
            counters.Add(action, packet.Length);
            var sent = action switch
            {
                XdpAction.Pass => PeerIfindex == 0 || sender.Send(packet, PeerIfindex),
                XdpAction.Tx => sender.Send(packet, Ifindex),
                XdpAction.Redirect => Redirect(runner.Frame, packet, sender),
                _ => true,
            };
            if (!sent)
            {
                Interlocked.Increment(ref _sendErrors);
            }
        }
    }

    /// <summary>The way back: frames arriving on the peer leave through the interface as they came, as a kernel's egress does without a program.</summary>
    private void PeerLoop(PacketSocket receiver, PacketSocket sender)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(65536, pinned: true);
        while (!_stopping)
        {
            var length = receiver.Receive(buffer);
            if (length <= 0 || length > buffer.Length)
            {
                BackOffAfterError(length);
                continue;
            }

            Interlocked.Increment(ref _fromPeer);
            if (!sender.Send(buffer.AsSpan(0, length), Ifindex))
            {
                Interlocked.Increment(ref _sendErrors);
            }
        }
    }

    /// <summary>Where <c>bpf_redirect</c> or <c>bpf_redirect_map</c> sent the frame: an ifindex, a device map slot, or every slot when broadcasting.</summary>
    private bool Redirect(XdpFrame frame, ReadOnlySpan<byte> packet, PacketSocket sender)
    {
        if (frame.RedirectIfindex is { } ifindex)
        {
            return sender.Send(packet, ifindex);
        }

        if (frame.RedirectMap is not DevMap devices)
        {
            return false; // CPU and AF_XDP socket maps have no meaning here.
        }

        if ((frame.RedirectFlags & BroadcastFlag) == 0)
        {
            return devices.Ifindex(frame.RedirectKey) is var target && target != 0 && sender.Send(packet, target);
        }

        var all = true;
        for (var key = 0u; key < devices.MaxEntries; key++)
        {
            var target = devices.Ifindex(key);
            if (target != 0 && !((frame.RedirectFlags & ExcludeIngressFlag) != 0 && target == Ifindex))
            {
                all &= sender.Send(packet, target);
            }
        }

        return all;
    }

    /// <summary>An interface that went down or away makes every receive fail at once: wait a poll interval instead of spinning.</summary>
    private void BackOffAfterError(int length)
    {
        if (length < 0)
        {
            Thread.Sleep(_options.PollInterval);
        }
    }
}
