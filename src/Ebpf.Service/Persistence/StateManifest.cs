namespace Ebpf.Service.Persistence;

/// <summary>What the state directory holds (<c>manifest.json</c>): the objects and maps that must come back after a restart, and the pins to them.</summary>
internal sealed record StateManifest(int NextId, List<PersistedObject> Objects, List<PersistedMap> Maps, List<PersistedPin> Pins)
{
    /// <summary>The file under <c>mapped/</c> each persisted array map's elements live in, by store id (absent in manifests before file-mapped maps).</summary>
    public Dictionary<string, string>? MappedFiles { get; init; }

    /// <summary>The links to attach again at start (absent in manifests before links were persisted).</summary>
    public List<PersistedLink>? Links { get; init; }

    public static StateManifest Empty => new(1, [], [], []);
}

/// <summary>An object loaded again at start (its programs verified again): its file under <c>objects/</c> and the store ids of its maps by name.</summary>
internal sealed record PersistedObject(string Id, string Name, bool AllowUnverified, Dictionary<string, string> Maps);

/// <summary>A map created by a client (not by an object), created again at start from its definition.</summary>
internal sealed record PersistedMap(string Id, string Name, string Type, uint KeySize, uint ValueSize, uint MaxEntries, uint Flags);

/// <summary>A pin: to a program of an object by name, or to a map by store id.</summary>
internal sealed record PersistedPin(string Path, string Kind, string? Object = null, string? Program = null, string? Map = null);

/// <summary>A link: its type (<c>xdp</c>), the pin of its program, and its interface and peer by name.</summary>
internal sealed record PersistedLink(string Type, string Program, string Interface, string? Peer);
