using System.Buffers.Binary;
using System.Security.Cryptography;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Maps;

namespace Ebpf.Service.Persistence;

/// <summary>
/// A persisted map: a snapshot of its elements plus a log of the updates and deletes clients made since. An update
/// is applied and appended to the log, and the log flushed to disk, before the client hears it succeeded, all under
/// the map's journal lock so the log's order is the map's. Snapshots (periodic, for what programs write) replace
/// the snapshot file atomically and empty the log.
/// </summary>
/// <remarks>
/// Snapshot: <c>"EBPFSNAP" u32 key_size u32 value_size u32 count (key value)*</c>. Log record:
/// <c>u32 length, u32 FNV-1a of the rest, u8 op (1 update, 2 delete), key, value</c>; a torn last record (a kill
/// while appending) fails its length or checksum and ends the replay, and it was never acknowledged.
/// </remarks>
internal sealed class MapJournal : IDisposable
{
    private const byte UpdateOp = 1;
    private const byte DeleteOp = 2;
    private static readonly byte[] Magic = "EBPFSNAP"u8.ToArray();

    private readonly Lock _lock = new();
    private readonly string _snapshotPath;
    private readonly string _logPath;
    private FileStream _log;
    private byte[] _lastSnapshotHash = [];

    private MapJournal(string folder, string storeId, BpfMap map)
    {
        StoreId = storeId;
        Map = map;
        _snapshotPath = Path.Combine(folder, storeId + ".snap");
        _logPath = Path.Combine(folder, storeId + ".log");
        _log = null!;
    }

    public string StoreId { get; }

    public BpfMap Map { get; }

    /// <summary>Starts persisting <paramref name="map"/>: its current elements are on disk when this returns.</summary>
    public static MapJournal Create(string folder, string storeId, BpfMap map)
    {
        var journal = new MapJournal(folder, storeId, map);
        journal.Snapshot();
        return journal;
    }

    /// <summary>Fills a fresh <paramref name="map"/> from the snapshot and log, then starts a new snapshot.</summary>
    public static MapJournal Restore(string folder, string storeId, BpfMap map)
    {
        var journal = new MapJournal(folder, storeId, map);
        if (IsPersistable(map) && !map.IsFrozen)
        {
            journal.ReadSnapshot();
            journal.Replay();
        }

        journal.Snapshot();
        return journal;
    }

    /// <summary>Whether the map's elements mean the same after a restart: ids of programs and maps do not.</summary>
    public static bool IsPersistable(BpfMap map) =>
        map.Type is not (MapType.ProgArray or MapType.ArrayOfMaps or MapType.HashOfMaps or MapType.Devmap or MapType.Ringbuf);

    /// <summary>Applies a client's update durably: <paramref name="apply"/> runs, and if it succeeds the record is on disk before this returns.</summary>
    public void Update(byte[] key, byte[] value, Action apply) => Append(UpdateOp, key, value, apply);

    /// <summary>Applies a client's delete durably.</summary>
    public void Delete(byte[] key, Action apply) => Append(DeleteOp, key, [], apply);

    /// <summary>Writes the whole map (if it changed since the last snapshot) and empties the log.</summary>
    public void Snapshot()
    {
        lock (_lock)
        {
            var bytes = Serialize();
            var hash = SHA256.HashData(bytes);
            if (_log is not null && hash.AsSpan().SequenceEqual(_lastSnapshotHash) && _log.Length == 0)
            {
                return;
            }

            DurableFile.Write(_snapshotPath, bytes);
            _lastSnapshotHash = hash;
            _log?.Dispose();
            _log = new FileStream(_logPath, FileMode.Create, FileAccess.Write, FileShare.Read);
            _log.Flush(flushToDisk: true);
        }
    }

    /// <summary>Stops persisting and removes the files.</summary>
    public void Delete()
    {
        Dispose();
        File.Delete(_snapshotPath);
        File.Delete(_logPath);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _log?.Dispose();
        }
    }

    private void Append(byte op, byte[] key, byte[] value, Action apply)
    {
        lock (_lock)
        {
            apply();
            if (!IsPersistable(Map))
            {
                return;
            }

            var record = new byte[9 + key.Length + value.Length];
            record[8] = op;
            key.CopyTo(record, 9);
            value.CopyTo(record, 9 + key.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(record.Length - 4));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Fnv(record.AsSpan(8)));
            _log.Write(record);
            _log.Flush(flushToDisk: true);
        }
    }

    private byte[] Serialize()
    {
        var entries = IsPersistable(Map) ? MapEntries.Read(Map) ?? [] : [];
        using var stream = new MemoryStream();
        stream.Write(Magic);
        Span<byte> word = stackalloc byte[4];
        foreach (var number in new[] { Map.KeySize, (uint)Map.UserValueSize, (uint)entries.Count })
        {
            BinaryPrimitives.WriteUInt32LittleEndian(word, number);
            stream.Write(word);
        }

        foreach (var (key, value) in entries)
        {
            stream.Write(key);
            stream.Write(value);
        }

        return stream.ToArray();
    }

    private void ReadSnapshot()
    {
        if (!File.Exists(_snapshotPath))
        {
            return;
        }

        var bytes = File.ReadAllBytes(_snapshotPath);
        var span = bytes.AsSpan();
        if (span.Length < 20 || !span[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{_snapshotPath} is not a map snapshot");
        }

        var keySize = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        var valueSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[12..]);
        var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[16..]);
        if (keySize != Map.KeySize || valueSize != Map.UserValueSize || (long)count * (keySize + valueSize) != span.Length - 20)
        {
            throw new InvalidDataException($"{_snapshotPath} does not fit map '{Map.Name}' ({Map.KeySize}-byte keys, {Map.UserValueSize}-byte values)");
        }

        for (var i = 0; i < count; i++)
        {
            var at = 20 + (i * (keySize + valueSize));
            _ = Map.Update(span.Slice(at, keySize), span.Slice(at + keySize, valueSize));
        }
    }

    private void Replay()
    {
        if (!File.Exists(_logPath))
        {
            return;
        }

        var log = File.ReadAllBytes(_logPath).AsSpan();
        var keySize = (int)Map.KeySize;
        while (log.Length >= 9)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(log);
            if (length < 5 || length > log.Length - 4 || BinaryPrimitives.ReadUInt32LittleEndian(log[4..]) != Fnv(log.Slice(8, length - 4)))
            {
                break;
            }

            var body = log.Slice(8, length - 4);
            var key = body.Slice(1, keySize);
            _ = body[0] == UpdateOp ? Map.Update(key, body[(1 + keySize)..]) : Map.Delete(key);
            log = log[(4 + length)..];
        }
    }

    private static uint Fnv(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
