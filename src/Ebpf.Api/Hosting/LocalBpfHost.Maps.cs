using System.Text.Json;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;
using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>Maps: show, create, lookup, update, delete, get-next-key, dump.</summary>
public sealed partial class LocalBpfHost
{
    /// <inheritdoc />
    public Task<MapInfo[]> MapsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<MapInfo[]>([.. _maps.Values.OrderBy(m => m.Id).Select(MapInfoOf)]);

    /// <inheritdoc />
    public Task<MapInfo> MapAsync(uint id, CancellationToken cancellationToken = default) => Task.FromResult(MapInfoOf(RequireMap(id)));

    /// <inheritdoc />
    public Task<MapInfo> CreateMapAsync(CreateMapRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Name is null || !TryParseMapType(request.Type, out var type))
        {
            throw HostErrors.Malformed($"'{request.Type}' is not a map type (array, hash, lru_hash, percpu_array, lpm_trie, ...)");
        }

        var map = BpfMap.Create(new MapSpec(request.Name, type, request.KeySize, request.ValueSize, request.MaxEntries, (MapFlags)request.Flags), new MapOptions { Storage = _storage });
        _createdMaps[map.Id] = map;
        _maps[map.Id] = map;
        return Task.FromResult(MapInfoOf(map));
    }

    /// <inheritdoc />
    public Task<byte[]> LookupAsync(uint id, byte[] key, CancellationToken cancellationToken = default)
    {
        var map = RequireMap(id);
        CheckKey(map, key);
        var value = new byte[map.UserValueSize];
        var error = map.Lookup(key, value);
        return error == MapError.None ? Task.FromResult(value) : throw HostErrors.Map(map, "lookup", error);
    }

    /// <inheritdoc />
    public Task UpdateAsync(uint id, MapUpdateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var map = RequireMap(id);
        CheckKey(map, request.Key);
        if (request.Value is null || request.Value.Length != map.UserValueSize)
        {
            throw HostErrors.Malformed($"map {id} ('{map.Name}') takes {map.UserValueSize}-byte values, not {request.Value?.Length ?? 0}");
        }

        if (request.Flags > (ulong)(MapUpdateFlags.NoExist | MapUpdateFlags.Exist | MapUpdateFlags.Lock))
        {
            throw HostErrors.Malformed($"update flags {request.Flags} are not BPF_ANY, BPF_NOEXIST, BPF_EXIST or BPF_F_LOCK");
        }

        var error = map.Update(request.Key, request.Value, (MapUpdateFlags)request.Flags);
        return error == MapError.None ? Task.CompletedTask : throw HostErrors.Map(map, "update", error);
    }

    /// <inheritdoc />
    public Task DeleteAsync(uint id, byte[] key, CancellationToken cancellationToken = default)
    {
        var map = RequireMap(id);
        CheckKey(map, key);
        var error = map.Delete(key);
        return error == MapError.None ? Task.CompletedTask : throw HostErrors.Map(map, "delete", error);
    }

    /// <inheritdoc />
    public Task<byte[]?> NextKeyAsync(uint id, byte[]? key, CancellationToken cancellationToken = default)
    {
        var map = RequireMap(id);
        if (key is not null)
        {
            CheckKey(map, key);
        }

        var next = new byte[map.KeySize];
        var error = map.GetNextKey(key ?? [], next);
        return error switch
        {
            MapError.None => Task.FromResult<byte[]?>(next),
            MapError.NotFound => Task.FromResult<byte[]?>(null),
            _ => throw HostErrors.Map(map, "get next key", error),
        };
    }

    /// <inheritdoc />
    public Task<MapEntry[]> DumpAsync(uint id, CancellationToken cancellationToken = default)
    {
        var map = RequireMap(id);
        var entries = MapEntries.Read(map) ?? throw HostErrors.Map(map, "dump (queues, stacks and ring buffers are not iterable)", MapError.OperationNotSupported);
        return Task.FromResult<MapEntry[]>([.. entries.Select(e => new MapEntry(e.Key, e.Value))]);
    }

    /// <summary>A map type as bpftool spells it (<c>lru_hash</c>), or false.</summary>
    public static bool TryParseMapType(string? name, out MapType type)
    {
        foreach (var candidate in Enum.GetValues<MapType>())
        {
            if (candidate != MapType.Unspecified && string.Equals(MapTypeName(candidate), name, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = MapType.Unspecified;
        return false;
    }

    /// <summary>A map type as bpftool spells it.</summary>
    public static string MapTypeName(MapType type) => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    private BpfMap RequireMap(uint id) => _maps.TryGetValue(id, out var map) ? map : throw HostErrors.NotFound($"no map has id {id}");

    private static void CheckKey(BpfMap map, byte[]? key)
    {
        if (key is null || key.Length != map.KeySize)
        {
            throw HostErrors.Malformed($"map {map.Id} ('{map.Name}') takes {map.KeySize}-byte keys, not {key?.Length ?? 0}");
        }
    }

    private MapInfo MapInfoOf(BpfMap map) =>
        new(map.Id, map.Name, MapTypeName(map.Type), map.KeySize, map.ValueSize, map.UserValueSize, map.MaxEntries, (uint)map.Flags, PinsOf(PinInfo.MapKind, map.Id));
}
