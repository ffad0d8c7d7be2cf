using Ebpf.Hooks.Xdp;
using Ebpf.Hooks.Xdp.Live;
using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>Pins and links.</summary>
public sealed partial class LocalBpfHost
{
    /// <inheritdoc />
    public Task PinAsync(PinRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path is null || !IsValidPinPath(request.Path))
        {
            throw HostErrors.Pin($"'{request.Path}' is not an absolute path without empty, '.' or '..' parts");
        }

        lock (_gate)
        {
            _ = request.Kind switch
            {
                PinInfo.ProgramKind => RequireProgram(request.Id).Program.Name,
                PinInfo.MapKind => RequireMap(request.Id).Name,
                _ => throw HostErrors.Malformed($"pin kind '{request.Kind}' is neither '{PinInfo.ProgramKind}' nor '{PinInfo.MapKind}'"),
            };
            if (!_pins.TryAdd(request.Path, new PinInfo(request.Path, request.Kind, request.Id)))
            {
                throw HostErrors.Pin($"'{request.Path}' is already pinned");
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnpinAsync(string path, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (path is null || !_pins.TryRemove(path, out var pin))
            {
                throw HostErrors.NotFound($"nothing is pinned at '{path}'");
            }

            if (pin.Kind == PinInfo.MapKind && PinsOf(PinInfo.MapKind, pin.Id).Length == 0)
            {
                if (_createdMaps.TryRemove(pin.Id, out var created))
                {
                    _maps.TryRemove(pin.Id, out _);
                    created.Dispose();
                }
                else if (ObjectOfMap(pin.Id) is { } hosted)
                {
                    CollectIfUnused(hosted);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PinInfo> PinnedAsync(string path, CancellationToken cancellationToken = default) =>
        path is not null && _pins.TryGetValue(path, out var pin) ? Task.FromResult(pin) : throw HostErrors.NotFound($"nothing is pinned at '{path}'");

    /// <inheritdoc />
    public Task<LinkInfo[]> LinksAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<LinkInfo[]>([.. _links.Keys.Select(LinkInfoOf).Concat(_detachedLinks.Values).Concat(ExecLinks()).OrderBy(l => l.Id)]);

    /// <summary>
    /// Lists a link that could not be attached (a persisted one the service could not attach again at start) as
    /// detached with <paramref name="reason"/>, under a new link id, until <see cref="DetachAsync"/> removes it.
    /// </summary>
    public LinkInfo AddDetachedLink(uint programId, string type, string interfaceName, string? peer, Core.Diagnostics.Diagnostic reason)
    {
        lock (_gate)
        {
            var link = new LinkInfo(++_nextLinkId, programId, type, interfaceName, peer, 0, 0, 0, 0, DiagnosticBody.From(reason));
            _detachedLinks[link.Id] = link;
            return link;
        }
    }

    /// <inheritdoc />
    public Task<LinkInfo> AttachXdpAsync(AttachXdpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (program, _) = RequireProgram(request.ProgramId);
        if (!XdpRunner.IsXdp(program))
        {
            throw HostErrors.Refuse(Core.Diagnostics.DiagnosticCode.NotAnXdpProgram, $"program {request.ProgramId} ('{program.Name}') is not an XDP program");
        }

        var link = XdpLink.Attach(program, new XdpAttachOptions(request.Interface) { Peer = request.Peer });
        lock (_gate)
        {
            var id = ++_nextLinkId;
            _links[id] = (link, request.ProgramId);
            return Task.FromResult(LinkInfoOf(id));
        }
    }

    /// <inheritdoc />
    public Task DetachAsync(uint id, CancellationToken cancellationToken = default)
    {
        if (_detachedLinks.TryRemove(id, out _) || DetachExec(id))
        {
            return Task.CompletedTask;
        }

        if (!_links.TryRemove(id, out var entry))
        {
            throw HostErrors.NotFound($"no link has id {id}");
        }

        entry.Link.Dispose();
        return Task.CompletedTask;
    }

    private LinkInfo LinkInfoOf(uint id)
    {
        var (link, programId) = _links[id];
        var verdicts = link.Counters.Verdicts;
        return new LinkInfo(id, programId, "xdp", link.Interface, link.PeerIfindex == 0 ? null : link.PeerIfindex.ToString(System.Globalization.CultureInfo.InvariantCulture),
            verdicts.PacketsOf(XdpAction.Pass), verdicts.PacketsOf(XdpAction.Drop), verdicts.PacketsOf(XdpAction.Tx) + verdicts.PacketsOf(XdpAction.Redirect), verdicts.PacketsOf(XdpAction.Aborted));
    }
}
