using System.Globalization;
using System.Text.Json;
using Ebpf.Api.Hosting;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Maps;
using Ebpf.Service.Contracts;
using Microsoft.Extensions.Logging;

namespace Ebpf.Service.Persistence;

/// <summary>Writing the manifest after each change, and reading it back at start.</summary>
internal sealed partial class PersistentHost
{
    /// <summary>Rewrites the manifest from the tables: what is pinned, and what pinned things need. Called under the write lock.</summary>
    private void Persist()
    {
        if (_folder is null)
        {
            return;
        }

        var objects = new List<HostedObject>();
        var created = new List<BpfMap>();
        var pins = new List<PersistedPin>();
        foreach (var pin in _inner.Pins)
        {
            if (pin.Kind == PinInfo.ProgramKind && _inner.ObjectOfProgram(pin.Id) is { } owner)
            {
                AddOnce(objects, owner);
                pins.Add(new PersistedPin(pin.Path, pin.Kind, Object: ObjectId(owner), Program: Wait(_inner.ProgramAsync(pin.Id)).Name));
            }
            else if (pin.Kind == PinInfo.MapKind && _inner.FindMap(pin.Id) is { } map)
            {
                if (_inner.ObjectOfMap(pin.Id) is { } mapOwner)
                {
                    AddOnce(objects, mapOwner);
                }
                else
                {
                    AddOnce(created, map);
                }

                pins.Add(new PersistedPin(pin.Path, pin.Kind, Map: MapId(map)));
            }
        }

        var kept = new HashSet<uint>();
        var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
        var persistedObjects = new List<PersistedObject>();
        foreach (var hosted in objects)
        {
            var id = ObjectId(hosted);
            var file = Path.Combine(_folder, "objects", id + ".o");
            if (!File.Exists(file))
            {
                DurableFile.Write(file, hosted.Bytes);
            }

            persistedObjects.Add(new PersistedObject(id, hosted.Name, hosted.AllowUnverified, hosted.Loaded.Maps.ToDictionary(m => m.Name, MapId)));
            foreach (var map in hosted.Loaded.Maps)
            {
                Journal(map, mapped);
                kept.Add(map.Id);
            }
        }

        foreach (var map in created)
        {
            Journal(map, mapped);
            kept.Add(map.Id);
        }

        var manifest = new StateManifest(_nextId, persistedObjects,
            [.. created.Select(m => new PersistedMap(MapId(m), m.Name, LocalBpfHost.MapTypeName(m.Type), m.KeySize, m.ValueSize, m.MaxEntries, (uint)m.Flags))], pins)
        {
            MappedFiles = mapped,
            Links = PersistedLinks(),
        };
        DurableFile.Write(ManifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, Json));

        // What is no longer persisted goes only after the manifest that no longer names it is on disk.
        foreach (var (mapId, journal) in _journals.Where(j => !kept.Contains(j.Key)).ToList())
        {
            journal.Delete();
            _journals.Remove(mapId);
            _mapIds.Remove(mapId);
        }

        SweepMappedFiles(mapped);
        var liveObjects = persistedObjects.Select(o => o.Id + ".o").ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_folder, "objects")).Where(f => !liveObjects.Contains(Path.GetFileName(f))))
        {
            File.Delete(file);
        }
    }

    /// <summary>Loads what the manifest names: objects (verified again), created maps, their contents, and the pins.</summary>
    public void Restore()
    {
        if (_folder is null || !File.Exists(ManifestPath))
        {
            return;
        }

        // Held throughout: the snapshot timer, already running, must not walk the journals while they are being added.
        _changes.EnterWriteLock();
        try
        {
            RestoreFrom(JsonSerializer.Deserialize<StateManifest>(File.ReadAllBytes(ManifestPath), Json) ?? StateManifest.Empty);
        }
        finally
        {
            _changes.ExitWriteLock();
        }
    }

    private void RestoreFrom(StateManifest manifest)
    {
        _nextId = manifest.NextId;
        var restored = new List<(PersistedObject Record, HostedObject Hosted, LoadObjectResponse Loaded)>();
        foreach (var record in manifest.Objects)
        {
            try
            {
                var bytes = File.ReadAllBytes(Path.Combine(_folder!, "objects", record.Id + ".o"));
                var loaded = Wait(_inner.LoadAsync(new LoadObjectRequest(record.Name, bytes, AllowUnverified: record.AllowUnverified)));
                var hosted = loaded.Programs.Length > 0 ? _inner.ObjectOfProgram(loaded.Programs[0].Id)! : _inner.ObjectOfMap(loaded.Maps[0].Id)!;
                _objectIds[hosted] = record.Id;
                foreach (var map in hosted.Loaded.Maps)
                {
                    if (record.Maps.TryGetValue(map.Name, out var storeId))
                    {
                        RestoreMap(map, storeId, manifest);
                    }
                }

                restored.Add((record, hosted, loaded));
                _log.LogInformation("restored object {Object} ({Programs} programs verified and loaded, {Maps} maps)", record.Name, loaded.Programs.Length, loaded.Maps.Length);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or DiagnosticException or JsonException)
            {
                Report(RestoreFailure($"object {record.Id} ({record.Name})", ex));
            }
        }

        foreach (var record in manifest.Maps)
        {
            try
            {
                var info = Wait(_inner.CreateMapAsync(new CreateMapRequest(record.Name, record.Type, record.KeySize, record.ValueSize, record.MaxEntries, record.Flags)));
                RestoreMap(_inner.FindMap(info.Id)!, record.Id, manifest);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or DiagnosticException)
            {
                Report(RestoreFailure($"map {record.Id} ({record.Name})", ex));
            }
        }

        RestorePins(manifest, restored);
        RestoreLinks(manifest);
        Persist();
    }

    private void RestorePins(StateManifest manifest, List<(PersistedObject Record, HostedObject Hosted, LoadObjectResponse Loaded)> restored)
    {
        var pinnedPrograms = new HashSet<uint>();
        foreach (var pin in manifest.Pins)
        {
            uint? id = pin.Kind == PinInfo.ProgramKind
                ? restored.Where(r => r.Record.Id == pin.Object).SelectMany(r => r.Loaded.Programs).FirstOrDefault(p => p.Name == pin.Program)?.Id
                : _mapIds.FirstOrDefault(m => m.Value == pin.Map) is { Value: not null } found ? found.Key : null;
            if (id is null)
            {
                Report(RestoreFailure($"pin {pin.Path}", new InvalidDataException("its object or map was not restored")));
                continue;
            }

            Wait(_inner.PinAsync(new PinRequest(pin.Path, pin.Kind, id.Value)));
            if (pin.Kind == PinInfo.ProgramKind)
            {
                pinnedPrograms.Add(id.Value);
            }
        }

        // Loading an object loads all its programs; those that were not pinned had no reason to outlive the last restart.
        foreach (var program in restored.SelectMany(r => r.Loaded.Programs).Where(p => !pinnedPrograms.Contains(p.Id)))
        {
            Wait(_inner.UnloadProgramAsync(program.Id));
        }

        _log.LogInformation("restored {Pins} pins from {Folder}", manifest.Pins.Count, _folder);
    }

    /// <summary>
    /// Brings back a map's elements: from the file it was mapped to when there is one of the same length (everything
    /// stored until the kill, programs' writes included), else from its snapshot and log (clients' writes, and
    /// programs' up to the last snapshot).
    /// </summary>
    private void RestoreMap(BpfMap map, string storeId, StateManifest manifest)
    {
        _mapIds[map.Id] = storeId;
        var folder = Path.Combine(_folder!, "maps");
        if (_storage is not null && !map.IsFrozen && manifest.MappedFiles?.GetValueOrDefault(storeId) is { } file
            && _storage.TryCopyFrom(map, Path.Combine(_storage.Directory, Path.GetFileName(file))))
        {
            _journals[map.Id] = MapJournal.Create(folder, storeId, map);
            _log.LogInformation("map {Map} ({Store}): elements restored from its mapped file {File}", map.Name, storeId, file);
            return;
        }

        _journals[map.Id] = MapJournal.Restore(folder, storeId, map);
    }

    private void Journal(BpfMap map, Dictionary<string, string> mapped)
    {
        if (!_journals.ContainsKey(map.Id))
        {
            _journals[map.Id] = MapJournal.Create(Path.Combine(_folder!, "maps"), MapId(map), map);
        }

        if (_storage?.FileOf(map) is { } file)
        {
            mapped[MapId(map)] = Path.GetFileName(file);
        }
    }

    /// <summary>Deletes map files that no live map uses and the manifest does not name: those of maps a killed run left.</summary>
    private void SweepMappedFiles(Dictionary<string, string> named)
    {
        if (_storage is null)
        {
            return;
        }

        var keep = _storage.LiveFiles.Select(Path.GetFileName).Concat(named.Values).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_storage.Directory).Where(f => !keep.Contains(Path.GetFileName(f))))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException ex)
            {
                _log.LogWarning("could not delete the unused map file {File}: {Reason}", file, ex.Message);
            }
        }
    }

    private string ObjectId(HostedObject hosted)
    {
        if (!_objectIds.TryGetValue(hosted, out var id))
        {
            id = "object-" + (_nextId++).ToString(CultureInfo.InvariantCulture);
            _objectIds[hosted] = id;
        }

        return id;
    }

    private string MapId(BpfMap map)
    {
        if (!_mapIds.TryGetValue(map.Id, out var id))
        {
            id = "map-" + (_nextId++).ToString(CultureInfo.InvariantCulture);
            _mapIds[map.Id] = id;
        }

        return id;
    }

    private void Report(DiagnosticException failure)
    {
        foreach (var diagnostic in failure.Diagnostics)
        {
            _log.LogError("{Diagnostic}", diagnostic);
        }
    }

    private static void AddOnce<T>(List<T> list, T item) where T : class
    {
        if (!list.Any(existing => ReferenceEquals(existing, item)))
        {
            list.Add(item);
        }
    }
}
