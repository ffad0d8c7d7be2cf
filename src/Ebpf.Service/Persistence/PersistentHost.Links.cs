using Ebpf.Core.Diagnostics;
using Ebpf.Service.Contracts;
using Microsoft.Extensions.Logging;

namespace Ebpf.Service.Persistence;

/// <summary>
/// Links in the manifest: a link whose program is pinned is recorded by that pin, its interface and peer by name, and
/// attached again at start; one that cannot be stays listed as detached with the reason (EBPF7011), and is tried
/// again at the next start, until a client detaches it.
/// </summary>
internal sealed partial class PersistentHost
{
    private readonly Dictionary<uint, string?> _linkPeers = [];
    private readonly Dictionary<uint, PersistedLink> _detachedLinks = [];

    public Task<LinkInfo> AttachXdpAsync(AttachXdpRequest request, CancellationToken cancellationToken = default) => Change(async () =>
    {
        var link = await _inner.AttachXdpAsync(request, cancellationToken).ConfigureAwait(false);
        _linkPeers[link.Id] = request.Peer;
        return link;
    });

    /// <summary>Not the service's route: the listener would be taken from ebpfd itself; the route calls <see cref="AttachExec"/> with its peer.</summary>
    public Task<LinkInfo> AttachExecAsync(AttachExecRequest request, CancellationToken cancellationToken = default) => _inner.AttachExecAsync(request, cancellationToken);

    /// <summary>
    /// An <c>exec</c> link on the listener the socket peer <paramref name="peerProcessId"/> holds. Never persisted: the
    /// listener, and the command's filter with it, cannot outlive this process (after a restart the command's hooked calls
    /// fail with ENOSYS).
    /// </summary>
    public LinkInfo AttachExec(AttachExecRequest request, int peerProcessId) => _inner.AttachExec(request, peerProcessId);

    public Task DetachAsync(uint id, CancellationToken cancellationToken = default) => Change(async () =>
    {
        await _inner.DetachAsync(id, cancellationToken).ConfigureAwait(false);
        _linkPeers.Remove(id);
        _detachedLinks.Remove(id);
    });

    /// <summary>The links to record: those whose program is pinned (by its first pin), and those still waiting to be attached again.</summary>
    private List<PersistedLink> PersistedLinks()
    {
        var links = new List<PersistedLink>();
        var pins = _inner.Pins;
        foreach (var link in Wait(_inner.LinksAsync()))
        {
            if (_detachedLinks.TryGetValue(link.Id, out var waiting))
            {
                links.Add(waiting);
            }
            else if (link.Interface is { } device && pins.FirstOrDefault(p => p.Kind == PinInfo.ProgramKind && p.Id == link.ProgramId) is { } pin)
            {
                // Exec links have no interface: their listener dies with this process, so they are never recorded.
                links.Add(new PersistedLink(link.Type, pin.Path, device, _linkPeers.GetValueOrDefault(link.Id)));
            }
        }

        return links;
    }

    /// <summary>Attaches the manifest's links again, after the pins are back; a failure is logged and listed, never fatal.</summary>
    private void RestoreLinks(StateManifest manifest)
    {
        foreach (var record in manifest.Links ?? [])
        {
            var program = _inner.Pins.FirstOrDefault(p => p.Kind == PinInfo.ProgramKind && p.Path == record.Program);
            try
            {
                if (program is null)
                {
                    throw new InvalidOperationException($"no program is pinned at {record.Program} (it was not restored)");
                }

                if (record.Type != "xdp")
                {
                    throw new InvalidOperationException($"'{record.Type}' links are not attached by this version");
                }

                var link = Wait(_inner.AttachXdpAsync(new AttachXdpRequest(program.Id, record.Interface, record.Peer)));
                _linkPeers[link.Id] = record.Peer;
                _log.LogInformation("link {Link}: {Type} program {Program} attached again on {Interface}", link.Id, record.Type, record.Program, record.Interface);
            }
            catch (Exception ex) when (ex is DiagnosticException or InvalidOperationException)
            {
                var cause = ex is DiagnosticException refused ? string.Join("; ", refused.Diagnostics.Select(d => d.Message)) : ex.Message;
                var reason = new Diagnostic(DiagnosticCode.ServiceLinkNotRestored,
                    $"the {record.Type} link of {record.Program} on {record.Interface} was not attached again: {cause}", new DiagnosticLocation());
                var link = _inner.AddDetachedLink(program?.Id ?? 0, record.Type, record.Interface, record.Peer, reason);
                _detachedLinks[link.Id] = record;
                _log.LogError("link {Link} detached: {Diagnostic}", link.Id, reason);
            }
        }
    }
}
