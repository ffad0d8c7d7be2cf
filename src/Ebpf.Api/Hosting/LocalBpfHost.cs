using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ebpf.Elf;
using Ebpf.Hooks.Xdp.Live;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>
/// The object table in this process: programs, maps and links with ids, and pins by path. The service <c>ebpfd</c>
/// is this table behind a socket; used directly, objects live as long as this host.
/// </summary>
/// <remarks>
/// Lifetimes follow the kernel's reference counting: a program lives while it is loaded here (until
/// <see cref="UnloadProgramAsync"/>); an object's maps live while one of its programs does or one of its maps is
/// pinned; a created map lives until its last pin goes (or the host does). Thread-safe: changes to the tables take
/// one lock, map reads and writes go straight to the lock-free maps.
/// </remarks>
public sealed partial class LocalBpfHost : IBpfHost
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<uint, (LoadedProgram Program, HostedObject Object)> _programs = new();
    private readonly ConcurrentDictionary<uint, HostedObject> _objects = new();
    private readonly ConcurrentDictionary<uint, BpfMap> _createdMaps = new();
    private readonly ConcurrentDictionary<uint, BpfMap> _maps = new();
    private readonly ConcurrentDictionary<uint, (XdpLink Link, uint ProgramId)> _links = new();
    private readonly ConcurrentDictionary<uint, LinkInfo> _detachedLinks = new();
    private readonly ConcurrentDictionary<string, PinInfo> _pins = new(StringComparer.Ordinal);
    private readonly MapStorage _storage;
    private uint _nextProgramId;
    private uint _nextObjectKey;
    private uint _nextLinkId;

    /// <summary>A table whose maps live in process memory.</summary>
    public LocalBpfHost()
        : this(MapStorage.Memory)
    {
    }

    /// <summary>A table whose array and per-CPU array maps live where <paramref name="storage"/> puts them (the service: files mapped shared).</summary>
    public LocalBpfHost(MapStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    /// <inheritdoc />
    public Task<ServiceStatus> StatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ServiceStatus(typeof(LocalBpfHost).Assembly.GetName().Version?.ToString() ?? "0", Environment.ProcessId, EffectiveUid(), "write", null));

    /// <inheritdoc />
    public Task<LoadObjectResponse> LoadAsync(LoadObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Object is null || request.Name is null)
        {
            throw HostErrors.Malformed("a load needs the object's name and bytes");
        }

        foreach (var path in new[] { request.PinPath, request.PinFolder, request.PinMapsFolder })
        {
            if (path is not null && !IsValidPinPath(path))
            {
                throw HostErrors.Pin($"'{path}' is not an absolute path without empty, '.' or '..' parts");
            }
        }

        if (!ObjectReader.TryRead(request.Object, request.Name, out var spec, out var diagnostics))
        {
            throw new Core.Diagnostics.DiagnosticException(diagnostics);
        }

        var loaded = LoadedObject.Load(spec!, new LoadOptions { AllowUnverified = request.AllowUnverified, MapStorage = _storage });
        lock (_gate)
        {
            var hosted = new HostedObject(++_nextObjectKey, request.Name, request.Object, request.AllowUnverified, loaded);
            _objects[hosted.Key] = hosted;
            foreach (var program in loaded.Programs)
            {
                var id = ++_nextProgramId;
                _programs[id] = (program, hosted);
                hosted.ProgramIds.Add(id);
            }

            foreach (var map in loaded.Maps)
            {
                _maps.TryAdd(map.Id, map);
            }

            var pins = PlannedPins(request, hosted);
            var taken = pins.FirstOrDefault(p => _pins.ContainsKey(p.Path));
            if (taken is not null)
            {
                Forget(hosted);
                throw HostErrors.Pin($"'{taken.Path}' is already pinned");
            }

            foreach (var pin in pins)
            {
                _pins[pin.Path] = pin;
            }

            return Task.FromResult(new LoadObjectResponse(
                [.. hosted.ProgramIds.Order().Select(ProgramInfoOf)],
                [.. loaded.Maps.Select(MapInfoOf)]));
        }
    }

    /// <summary>The live map with this id, or null: for a service that persists maps.</summary>
    public BpfMap? FindMap(uint id) => _maps.TryGetValue(id, out var map) ? map : null;

    /// <summary>The object a program came from, or null.</summary>
    public HostedObject? ObjectOfProgram(uint programId) => _programs.TryGetValue(programId, out var entry) ? entry.Object : null;

    /// <summary>The object a map came from, or null for a created map.</summary>
    public HostedObject? ObjectOfMap(uint mapId) => _objects.Values.FirstOrDefault(o => o.Loaded.Maps.Any(m => m.Id == mapId));

    /// <summary>Every pin, by path.</summary>
    public IReadOnlyList<PinInfo> Pins => [.. _pins.Values.OrderBy(p => p.Path, StringComparer.Ordinal)];

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (link, _) in _links.Values)
            {
                link.Dispose();
            }

            // Before the programs go: the supervisors stop, and their commands' calls fail with ENOSYS from now on.
            DisposeExecLinks();
            foreach (var hosted in _objects.Values)
            {
                hosted.Loaded.Dispose();
            }

            foreach (var map in _createdMaps.Values)
            {
                map.Dispose();
            }

            _links.Clear();
            _detachedLinks.Clear();
            _objects.Clear();
            _programs.Clear();
            _createdMaps.Clear();
            _maps.Clear();
            _pins.Clear();
        }
    }

    internal static bool IsValidPinPath(string path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && path.Length > 1 && path.Length <= 4096
        && path[1..].TrimEnd('/').Split('/').All(part => part.Length > 0 && part is not "." and not "..");

    private static uint EffectiveUid() => OperatingSystem.IsWindows() ? 0 : geteuid();

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint geteuid();

    private List<PinInfo> PlannedPins(LoadObjectRequest request, HostedObject hosted)
    {
        var pins = new List<PinInfo>();
        var ids = hosted.ProgramIds.Order().ToList();
        if (request.PinPath is not null && ids.Count > 0)
        {
            pins.Add(new PinInfo(request.PinPath, PinInfo.ProgramKind, ids[0]));
        }

        if (request.PinFolder is not null)
        {
            pins.AddRange(ids.Select(id => new PinInfo($"{request.PinFolder.TrimEnd('/')}/{_programs[id].Program.Name}", PinInfo.ProgramKind, id)));
        }

        if (request.PinMapsFolder is not null)
        {
            pins.AddRange(hosted.Loaded.Maps.Select(m => new PinInfo($"{request.PinMapsFolder.TrimEnd('/')}/{m.Name}", PinInfo.MapKind, m.Id)));
        }

        return pins;
    }

    private string[] PinsOf(string kind, uint id) => [.. _pins.Values.Where(p => p.Kind == kind && p.Id == id).Select(p => p.Path).Order(StringComparer.Ordinal)];
}
