using System.Text.Json;
using Ebpf.Api.Hosting;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Maps;
using Ebpf.Service.Contracts;
using Microsoft.Extensions.Logging;

namespace Ebpf.Service.Persistence;

/// <summary>
/// The object table with a memory: whatever is pinned (and whatever a pinned program uses) is written to the state
/// directory, so that a restart, even after SIGKILL, finds the same pins, the same map contents, and the same programs
/// verified and loaded again. Clients' map updates are on disk before they are acknowledged; what programs write is
/// snapshotted every <c>SnapshotInterval</c>.
/// </summary>
internal sealed partial class PersistentHost : IBpfHost
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly LocalBpfHost _inner;
    private readonly string? _folder;
    private readonly ILogger _log;
    private readonly ReaderWriterLockSlim _changes = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Dictionary<uint, MapJournal> _journals = [];
    private readonly Dictionary<HostedObject, string> _objectIds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<uint, string> _mapIds = [];
    private readonly Timer? _snapshots;
    private readonly FileMappedMapStorage? _storage;
    private int _nextId = 1;

    public PersistentHost(LocalBpfHost inner, string? folder, TimeSpan snapshotInterval, ILogger log, FileMappedMapStorage? storage = null)
    {
        _inner = inner;
        _storage = storage;
        _folder = folder;
        _log = log;
        if (folder is not null)
        {
            Directory.CreateDirectory(Path.Combine(folder, "objects"));
            Directory.CreateDirectory(Path.Combine(folder, "maps"));
            _snapshots = new Timer(_ => SnapshotAll(), null, snapshotInterval, snapshotInterval);
        }
    }

    private string ManifestPath => Path.Combine(_folder!, "manifest.json");

    public Task<ServiceStatus> StatusAsync(CancellationToken cancellationToken = default) => _inner.StatusAsync(cancellationToken);

    public Task<LoadObjectResponse> LoadAsync(LoadObjectRequest request, CancellationToken cancellationToken = default) =>
        Change(() => _inner.LoadAsync(request, cancellationToken));

    public Task<ProgramInfo[]> ProgramsAsync(CancellationToken cancellationToken = default) => _inner.ProgramsAsync(cancellationToken);

    public Task<ProgramInfo> ProgramAsync(uint id, CancellationToken cancellationToken = default) => _inner.ProgramAsync(id, cancellationToken);

    public Task UnloadProgramAsync(uint id, CancellationToken cancellationToken = default) => Change(() => _inner.UnloadProgramAsync(id, cancellationToken));

    public Task<RunProgramResponse> RunAsync(uint id, RunProgramRequest request, CancellationToken cancellationToken = default) => _inner.RunAsync(id, request, cancellationToken);

    public Task<XlatedResponse> XlatedAsync(uint id, CancellationToken cancellationToken = default) => _inner.XlatedAsync(id, cancellationToken);

    public Task<MapInfo[]> MapsAsync(CancellationToken cancellationToken = default) => _inner.MapsAsync(cancellationToken);

    public Task<MapInfo> MapAsync(uint id, CancellationToken cancellationToken = default) => _inner.MapAsync(id, cancellationToken);

    public Task<MapInfo> CreateMapAsync(CreateMapRequest request, CancellationToken cancellationToken = default) => _inner.CreateMapAsync(request, cancellationToken);

    public Task<byte[]> LookupAsync(uint id, byte[] key, CancellationToken cancellationToken = default) => _inner.LookupAsync(id, key, cancellationToken);

    public Task UpdateAsync(uint id, MapUpdateRequest request, CancellationToken cancellationToken = default) =>
        Journaled(id, journal => journal.Update(request.Key, request.Value, () => Wait(_inner.UpdateAsync(id, request, cancellationToken))),
            () => _inner.UpdateAsync(id, request, cancellationToken));

    public Task DeleteAsync(uint id, byte[] key, CancellationToken cancellationToken = default) =>
        Journaled(id, journal => journal.Delete(key, () => Wait(_inner.DeleteAsync(id, key, cancellationToken))),
            () => _inner.DeleteAsync(id, key, cancellationToken));

    public Task<byte[]?> NextKeyAsync(uint id, byte[]? key, CancellationToken cancellationToken = default) => _inner.NextKeyAsync(id, key, cancellationToken);

    public Task<MapEntry[]> DumpAsync(uint id, CancellationToken cancellationToken = default) => _inner.DumpAsync(id, cancellationToken);

    public Task PinAsync(PinRequest request, CancellationToken cancellationToken = default) => Change(() => _inner.PinAsync(request, cancellationToken));

    public Task UnpinAsync(string path, CancellationToken cancellationToken = default) => Change(() => _inner.UnpinAsync(path, cancellationToken));

    public Task<PinInfo> PinnedAsync(string path, CancellationToken cancellationToken = default) => _inner.PinnedAsync(path, cancellationToken);

    public Task<LinkInfo[]> LinksAsync(CancellationToken cancellationToken = default) => _inner.LinksAsync(cancellationToken);

    /// <summary>Takes a last snapshot and closes the logs.</summary>
    public void Dispose()
    {
        _snapshots?.Dispose();
        _changes.EnterWriteLock();
        try
        {
            foreach (var journal in _journals.Values)
            {
                journal.Snapshot();
                journal.Dispose();
            }

            _journals.Clear();
        }
        finally
        {
            _changes.ExitWriteLock();
        }
    }

    /// <summary>The inner host is synchronous: its tasks are complete when they return, and their faults are its refusals.</summary>
    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>A change to the tables: made, then the manifest rewritten, before the client hears of it.</summary>
    private Task<T> Change<T>(Func<Task<T>> change)
    {
        _changes.EnterWriteLock();
        try
        {
            var result = Wait(change());
            Persist();
            return Task.FromResult(result);
        }
        finally
        {
            _changes.ExitWriteLock();
        }
    }

    private Task Change(Func<Task> change) => Change(async () =>
    {
        await change().ConfigureAwait(false);
        return true;
    });

    private Task Journaled(uint id, Action<MapJournal> journaled, Func<Task> plain)
    {
        _changes.EnterReadLock();
        try
        {
            if (_journals.TryGetValue(id, out var journal))
            {
                journaled(journal);

                // The log has the change for a restart from the snapshot; the mapped file, preferred at restart, must have it too past a power loss.
                _storage?.Flush(journal.Map);
                return Task.CompletedTask;
            }

            Wait(plain());
            return Task.CompletedTask;
        }
        finally
        {
            _changes.ExitReadLock();
        }
    }

    private void SnapshotAll()
    {
        if (!_changes.TryEnterReadLock(0))
        {
            return;
        }

        try
        {
            foreach (var journal in _journals.Values)
            {
                journal.Snapshot();
                _storage?.Flush(journal.Map);
            }
        }
        catch (IOException ex)
        {
            _log.LogError(ex, "snapshot failed");
        }
        finally
        {
            _changes.ExitReadLock();
        }
    }

    private DiagnosticException RestoreFailure(string what, Exception cause) =>
        new([new Diagnostic(DiagnosticCode.ServiceStateRestoreFailed, $"{what} in {_folder} could not be restored: {cause.Message}", new DiagnosticLocation())]);
}
