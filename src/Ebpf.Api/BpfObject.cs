using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Native;
using Ebpf.Runtime.Objects;

namespace Ebpf.Api;

/// <summary>
/// An eBPF object file, used as libbpf's <c>struct bpf_object</c>: <see cref="Open(string)"/> reads it,
/// its programs and maps may be adjusted, <see cref="Load"/> makes them live, and disposing frees them.
/// </summary>
/// <example>
/// <code>
/// using var obj = BpfObject.Open("xdp_count_drop.o");
/// obj.Load();
/// var result = obj.Program("count_and_drop_udp").TestRun(new TestRunOptions(packet));
/// var count = obj.Map("proto_count").Lookup&lt;uint, ulong&gt;(17);
/// </code>
/// </example>
public sealed class BpfObject : IDisposable
{
    private readonly Dictionary<string, uint> _maxEntries = new(StringComparer.Ordinal);
    private LoadedObject? _loaded;
    private bool _allowUnverified;

    private readonly NativeObject? _native;

    private BpfObject(ObjectSpec spec, NativeObject? native = null)
    {
        Spec = spec;
        _native = native;
        Programs = [.. spec.Programs.Select(p => new BpfProgram(this, p))];
    }

    /// <summary>What the file holds.</summary>
    public ObjectSpec Spec { get; }

    /// <summary>Its name (<c>bpf_object__name</c>).</summary>
    public string Name => Spec.Name;

    /// <summary>Its programs, in file order.</summary>
    public ImmutableArray<BpfProgram> Programs { get; }

    /// <summary>Its live maps, once loaded.</summary>
    public ImmutableArray<BpfMap> Maps => _loaded?.Maps ?? throw NotLoaded();

    /// <summary>True once <see cref="Load"/> succeeded.</summary>
    public bool IsLoaded => _loaded is not null;

    /// <summary>Reads an object file (<c>bpf_object__open_file</c>).</summary>
    /// <exception cref="DiagnosticException">The file is malformed or not a BPF object; the diagnostics say why.</exception>
    public static BpfObject Open(string path) => new(ObjectReader.ReadFile(path));

    /// <summary>
    /// Reads an object compiled for <paramref name="platform"/>'s numbering (<see cref="Core.Abi.AbiPlatform.Windows"/>: eBPF
    /// for Windows' section names, helper and map type numbers), for objects whose sections do not say; null decides from them.
    /// </summary>
    /// <exception cref="DiagnosticException">The file is malformed or unsupported.</exception>
    public static BpfObject Open(string path, Core.Abi.AbiPlatform? platform) => new(ObjectReader.ReadFile(path, platform));

    /// <summary>Reads an object from memory (<c>bpf_object__open_mem</c>).</summary>
    /// <exception cref="DiagnosticException">The bytes are not a readable BPF object.</exception>
    public static BpfObject Open(ReadOnlyMemory<byte> bytes, string name) => Open(bytes, name, ObjectReadOptions.Default);

    /// <summary>
    /// Reads an object file with the target BTF and kernel configuration of <paramref name="options"/>
    /// (<c>bpf_object_open_opts.btf_custom_path</c> and <c>kconfig</c>); by default the running kernel's.
    /// </summary>
    /// <exception cref="DiagnosticException">The file is malformed, not a BPF object, or its CO-RE relocations or externs cannot be resolved.</exception>
    public static BpfObject Open(string path, ObjectReadOptions options) => new(ObjectReader.ReadFile(path, options));

    /// <summary>Reads an object from memory with <paramref name="options"/> (see <see cref="Open(string, ObjectReadOptions)"/>).</summary>
    /// <exception cref="DiagnosticException">The bytes are not a readable BPF object, or its CO-RE relocations or externs cannot be resolved.</exception>
    public static BpfObject Open(ReadOnlyMemory<byte> bytes, string name, ObjectReadOptions options) =>
        ObjectReader.TryRead(bytes, name, options, out var spec, out var diagnostics) ? new BpfObject(spec!) : throw new DiagnosticException(diagnostics);

    /// <summary>
    /// Opens an object compiled ahead of time (<c>ebpf compile</c>, docs/native.md): its maps and programs come from the
    /// generated code, and <see cref="Load"/> runs the generated code, not verified again and with no code generated at
    /// run time, so it works under Native AOT.
    /// </summary>
    /// <param name="native">The generated object.</param>
    public static BpfObject OpenNative(NativeObject native)
    {
        ArgumentNullException.ThrowIfNull(native);
        return new BpfObject(native.Spec, native);
    }

    /// <summary>Opens the generated object <typeparamref name="T"/> (see <see cref="OpenNative(NativeObject)"/>).</summary>
    /// <typeparam name="T">The type <c>ebpf compile</c> wrote.</typeparam>
    public static BpfObject OpenNative<T>()
        where T : NativeObject, new() => OpenNative(new T());

    /// <summary>True when opened from code generated ahead of time (<see cref="OpenNative(NativeObject)"/>).</summary>
    public bool IsNative => _native is not null;

    /// <summary>The program named <paramref name="name"/> (<c>bpf_object__find_program_by_name</c>).</summary>
    /// <exception cref="KeyNotFoundException">There is none.</exception>
    public BpfProgram Program(string name) =>
        Programs.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"object '{Name}' has no program '{name}'");

    /// <summary>The live map named <paramref name="name"/> (<c>bpf_object__find_map_by_name</c>), after load.</summary>
    /// <exception cref="KeyNotFoundException">There is none.</exception>
    public BpfMap Map(string name) =>
        (_loaded ?? throw NotLoaded()).FindMap(name) ?? throw new KeyNotFoundException($"object '{Name}' has no map '{name}'");

    /// <summary>
    /// Load without proving the programs safe first (off by default: <see cref="Load"/> verifies every program
    /// and refuses the object if one is rejected). When set, the programs run in the checked interpreter, whatever
    /// engine <see cref="Load"/> is given: slower, but every access is checked at run time instead.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set after <see cref="Load"/>.</exception>
    public bool AllowUnverified
    {
        get => _allowUnverified;
        set
        {
            ThrowIfLoaded();
            _allowUnverified = value;
        }
    }

    /// <summary>Sets a map's capacity before load (<c>bpf_map__set_max_entries</c>).</summary>
    public void SetMaxEntries(string map, uint maxEntries)
    {
        ThrowIfLoaded();
        if (Spec.FindMap(map) is null)
        {
            throw new KeyNotFoundException($"object '{Name}' has no map '{map}'");
        }

        _maxEntries[map] = maxEntries;
    }

    /// <summary>
    /// Verifies the programs whose <see cref="BpfProgram.AutoLoad"/> is set, creates the maps and loads those
    /// programs (<c>bpf_object__load</c>).
    /// </summary>
    /// <param name="engine">
    /// The engine; null for the default: the generated code for objects opened with <see cref="OpenNative(NativeObject)"/>,
    /// the JIT otherwise (the interpreter, or generated code when given, where the process cannot generate code).
    /// </param>
    /// <param name="execution">Execution options (checked mode, budget, frames).</param>
    /// <exception cref="DiagnosticException">
    /// A program was not proven safe (the verifier's diagnostics: instruction, source line, reason), or a map or
    /// program was refused; the diagnostics say which and why.
    /// </exception>
    public void Load(EngineKind? engine = null, ExecutionOptions? execution = null)
    {
        ThrowIfLoaded();
        var options = new LoadOptions(engine ?? (_native is null ? EngineKind.Jit : EngineKind.Native), execution)
        {
            Native = _native,
            SkipPrograms = Programs.Where(p => !p.AutoLoad).Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
            MaxEntries = _maxEntries,
            ProgramTypes = Programs.Where(p => p.Type != p.Spec.Type).ToDictionary(p => p.Name, p => p.Type, StringComparer.Ordinal),
            AllowUnverified = AllowUnverified || _native is { IsVerified: false },
        };
        _loaded = LoadedObject.Load(Spec, options);
        foreach (var program in Programs)
        {
            program.Loaded = _loaded.FindProgram(program.Name);
        }
    }

    /// <summary>Pins a live map at <paramref name="path"/> in the in-process namespace (<c>bpf_map__pin</c>); it outlives this object until unpinned.</summary>
    public void PinMap(string name, string path) => PinTable.Pin(path, Map(name));

    /// <summary>Pins every live map under <paramref name="folder"/>, by name (<c>bpf_object__pin_maps</c>).</summary>
    public void PinMaps(string folder)
    {
        foreach (var map in Maps)
        {
            PinTable.Pin($"{folder.TrimEnd('/')}/{map.Name}", map);
        }
    }

    /// <summary>The map pinned at <paramref name="path"/> (<c>bpf_obj_get</c>), or null.</summary>
    public static BpfMap? OpenPinnedMap(string path) => PinTable.TryGet<BpfMap>(path, out var map) ? map : null;

    /// <summary>Removes a pin (<c>bpf_map__unpin</c>); false when nothing was pinned there.</summary>
    public static bool Unpin(string path) => PinTable.Unpin(path);

    /// <inheritdoc />
    public void Dispose() => _loaded?.Dispose();

    internal void ThrowIfLoaded()
    {
        if (_loaded is not null)
        {
            throw new InvalidOperationException($"object '{Name}' is already loaded; adjust it before Load()");
        }
    }

    private InvalidOperationException NotLoaded() => new($"object '{Name}' is not loaded; call Load() first");
}
