using System.Collections.Concurrent;
using Ebpf.Hooks.Sockets;
using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>
/// <c>exec</c> links: socket address programs deciding a supervised command's <c>bind</c> and <c>connect</c> calls,
/// supervised by this host from the command's seccomp listener. A link is listed until every process of the command
/// has exited, or until detached; it is never persisted (the listener is gone with the process that held it).
/// </summary>
public sealed partial class LocalBpfHost
{
    /// <summary>The link type <c>exec</c> links are listed under.</summary>
    public const string ExecLinkType = "exec";

    private readonly ConcurrentDictionary<uint, ExecLink> _execLinks = new();

    /// <summary>Detached exec links still answering their command's calls (unchanged) until it exits.</summary>
    private readonly ConcurrentDictionary<SocketHookLink, bool> _passingLinks = new();

    /// <inheritdoc />
    /// <remarks>The listener descriptor is this process's own; the host supervises a copy, and the caller closes the original.</remarks>
    public Task<LinkInfo> AttachExecAsync(AttachExecRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(AttachExec(request, Environment.ProcessId));

    /// <summary>
    /// Attaches an <c>exec</c> link whose listener is descriptor <see cref="AttachExecRequest.ListenerFd"/> of process
    /// <paramref name="listenerOwner"/> (the service: its socket peer); the owner keeps its own copy to close.
    /// </summary>
    public LinkInfo AttachExec(AttachExecRequest request, int listenerOwner)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.BindProgramIds is null || request.ConnectProgramIds is null || request.BindProgramIds.Length + request.ConnectProgramIds.Length == 0)
        {
            throw HostErrors.Malformed("an exec link needs at least one bind or connect program");
        }

        lock (_gate)
        {
            var programs = new SocketHookPrograms();
            foreach (var (ids, call) in new[] { (request.BindProgramIds, SocketCallKind.Bind), (request.ConnectProgramIds, SocketCallKind.Connect) })
            {
                foreach (var id in ids)
                {
                    programs = programs.With(RequireProgram(id).Program, call);
                }
            }

            // Taken last: nothing above may fail with the copy open.
            var link = SocketHookLink.Attach(SeccompListener.Take(listenerOwner, request.ListenerFd), programs);
            var linkId = ++_nextLinkId;
            _execLinks[linkId] = new ExecLink(link, [.. request.BindProgramIds, .. request.ConnectProgramIds], request.ProcessId);
            _ = link.Completion.ContinueWith(_ => Ended(linkId, link), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return ExecLinkInfoOf(linkId);
        }
    }

    /// <summary>Detaches an exec link: its command's later calls proceed unchanged (a seccomp filter stays for the process's life).</summary>
    private bool DetachExec(uint id)
    {
        if (!_execLinks.TryRemove(id, out var entry))
        {
            return false;
        }

        entry.Link.Detach();
        _passingLinks[entry.Link] = true;
        if (entry.Link.Completion.IsCompleted)
        {
            Ended(id, entry.Link);
        }

        return true;
    }

    /// <summary>Detaches the exec links that run <paramref name="programId"/>, before it is unloaded.</summary>
    private void DetachExecLinksOf(uint programId)
    {
        foreach (var (id, _) in _execLinks.Where(l => l.Value.ProgramIds.Contains(programId)).ToList())
        {
            DetachExec(id);
        }
    }

    private void Ended(uint id, SocketHookLink link)
    {
        lock (_gate)
        {
            if (_execLinks.TryGetValue(id, out var entry) && entry.Link == link)
            {
                _execLinks.TryRemove(id, out _);
            }
        }

        _passingLinks.TryRemove(link, out _);
        link.Dispose();
    }

    private void DisposeExecLinks()
    {
        foreach (var link in _execLinks.Values.Select(e => e.Link).Concat(_passingLinks.Keys))
        {
            link.Dispose();
        }

        _execLinks.Clear();
        _passingLinks.Clear();
    }

    /// <summary>The exec links listed now (one that ends meanwhile is left out).</summary>
    private IEnumerable<LinkInfo> ExecLinks() => _execLinks.Select(l => ExecLinkInfoOf(l.Key, l.Value));

    private LinkInfo ExecLinkInfoOf(uint id) => ExecLinkInfoOf(id, _execLinks[id]);

    private static LinkInfo ExecLinkInfoOf(uint id, ExecLink entry)
    {
        var c = entry.Link.Counters;
        return new LinkInfo(id, entry.ProgramIds[0], ExecLinkType, null, null, 0, 0, 0, 0, null, entry.ProgramIds, entry.ProcessId, CommandName(entry.ProcessId),
            new SocketCallCounts(c.Allowed, c.Redirected, c.Denied, c.Unhooked, c.PassedThrough, c.Faults));
    }

    /// <summary>The process's name now (the launcher's until it has executed the command), or null when it is gone.</summary>
    private static string? CommandName(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/comm").TrimEnd('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record ExecLink(SocketHookLink Link, uint[] ProgramIds, int ProcessId);
}
