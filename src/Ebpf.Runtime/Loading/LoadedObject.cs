using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Objects;

namespace Ebpf.Runtime.Loading;

/// <summary>
/// An object's maps and programs made live: every program verified (unless the caller opts out), maps
/// created (global data holding its initial bytes), every program relocated against them and prepared by
/// the chosen engine. Disposing frees the maps.
/// </summary>
public sealed class LoadedObject : IDisposable
{
    private LoadedObject(ObjectSpec spec, ImmutableArray<BpfMap> maps, ImmutableArray<LoadedProgram> programs)
    {
        Spec = spec;
        Maps = maps;
        Programs = programs;
    }

    /// <summary>What was loaded.</summary>
    public ObjectSpec Spec { get; }

    /// <summary>The live maps, in the order of <see cref="ObjectSpec.Maps"/>.</summary>
    public ImmutableArray<BpfMap> Maps { get; }

    /// <summary>The loaded programs.</summary>
    public ImmutableArray<LoadedProgram> Programs { get; }

    /// <summary>The program named <paramref name="name"/>, or null.</summary>
    public LoadedProgram? FindProgram(string name) => Programs.FirstOrDefault(p => p.Name == name);

    /// <summary>The map named <paramref name="name"/>, or null.</summary>
    public BpfMap? FindMap(string name) => Maps.FirstOrDefault(m => m.Name == name);

    /// <summary>Creates the object's maps and loads its programs.</summary>
    /// <exception cref="DiagnosticException">
    /// A program is not proven safe (the verifier's diagnostics), a map cannot be created or a program cannot be loaded.
    /// </exception>
    public static LoadedObject Load(ObjectSpec spec, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= LoadOptions.Default;
        var maps = ImmutableArray.CreateBuilder<BpfMap>(spec.Maps.Length);
        try
        {
            var mapOptions = new MapOptions { CpuCount = options.EffectiveCpuCount, Storage = options.MapStorage };
            foreach (var map in spec.Maps)
            {
                var sized = options.MaxEntries.TryGetValue(map.Name, out var entries) ? map with { MaxEntries = entries } : map;
                maps.Add(PinnedOrNew(sized, mapOptions, options.PinRoot));
            }

            FillMapSlots(spec, maps);
            var regions = maps.SelectMany(m => m.Regions).ToImmutableArray();
            var programs = spec.Programs
                .Where(p => !options.SkipPrograms.Contains(p.Name))
                .Select(p => Prepare(p, spec.Maps, maps, HelpersOf(p), options, regions))
                .ToImmutableArray();
            FillProgramSlots(spec, maps, programs);
            FreezeReadOnlyData(spec, maps);
            return new LoadedObject(spec, maps.ToImmutable(), programs);
        }
        catch
        {
            foreach (var map in maps)
            {
                PinTable.Release(map);
            }

            throw;
        }
    }

    /// <summary>
    /// Loads an object compiled ahead of time: its maps from the generated specs, its programs on the generated code,
    /// not verified again (the verifier accepted them when the code was generated). A file generated with
    /// <c>--unverified</c> loads its programs in the checked interpreter.
    /// </summary>
    /// <param name="native">The generated object.</param>
    /// <param name="options">Map sizes, program types, per-CPU slots; <see cref="LoadOptions.Engine"/> is set to <see cref="EngineKind.Native"/>.</param>
    /// <exception cref="DiagnosticException">A map or program cannot be loaded, or the object lacks a program's code.</exception>
    public static LoadedObject Load(Native.NativeObject native, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(native);
        options = (options ?? LoadOptions.Default) with { Engine = EngineKind.Native, Native = native };
        return Load(native.Spec, native.IsVerified ? options : options with { AllowUnverified = true });
    }

    /// <summary>Initial inner maps of maps of maps (<c>.values = { [0] = &amp;inner }</c>), as libbpf fills them at load.</summary>
    private static void FillMapSlots(ObjectSpec spec, IReadOnlyList<BpfMap> maps)
    {
        for (var i = 0; i < spec.Maps.Length; i++)
        {
            foreach (var (slot, name) in spec.Maps[i].InitialSlots)
            {
                if (maps[i] is not (ArrayOfMaps or HashOfMaps))
                {
                    continue;
                }

                var inner = maps.FirstOrDefault(m => m.Name == name) ?? throw SlotError(spec.Maps[i], slot, $"names map '{name}', which the object does not define");
                var error = maps[i] is ArrayOfMaps array ? array.Update(slot, inner) : ((HashOfMaps)maps[i]).Update(BitConverter.GetBytes(slot), inner);
                if (error != MapError.None)
                {
                    throw SlotError(spec.Maps[i], slot, $"cannot hold map '{name}' ({error})");
                }
            }
        }
    }

    /// <summary>Initial programs of program arrays, by program name.</summary>
    private static void FillProgramSlots(ObjectSpec spec, IReadOnlyList<BpfMap> maps, ImmutableArray<LoadedProgram> programs)
    {
        for (var i = 0; i < spec.Maps.Length; i++)
        {
            if (maps[i] is not ProgArrayMap array)
            {
                continue;
            }

            foreach (var (slot, name) in spec.Maps[i].InitialSlots)
            {
                if (programs.FirstOrDefault(p => p.Name == name) is { } program && array.Update(slot, program) is var error && error != MapError.None)
                {
                    throw SlotError(spec.Maps[i], slot, $"cannot hold program '{name}' ({error})");
                }
            }
        }
    }

    /// <summary><c>.rodata</c> is frozen once loaded, as libbpf does: user space can no longer change it.</summary>
    private static void FreezeReadOnlyData(ObjectSpec spec, IReadOnlyList<BpfMap> maps)
    {
        for (var i = 0; i < spec.Maps.Length; i++)
        {
            if (spec.Maps[i] is { Origin: MapOrigin.GlobalData, IsReadOnlyForPrograms: true } && !maps[i].IsFrozen)
            {
                maps[i].Freeze();
            }
        }
    }

    private static DiagnosticException SlotError(MapSpec map, uint slot, string message) =>
        new([new Diagnostic(DiagnosticCode.MalformedMapDefinition, $"map '{map.Name}' slot {slot} {message}", new DiagnosticLocation(Section: map.SectionName))]);

    /// <summary>
    /// A map with <c>LIBBPF_PIN_BY_NAME</c> is reused from its pin when one is there (and must then match
    /// its definition, as libbpf checks), otherwise created and pinned.
    /// </summary>
    private static BpfMap PinnedOrNew(MapSpec spec, MapOptions options, string pinRoot)
    {
        if (spec.Pinning != MapPinning.ByName)
        {
            return BpfMap.Create(spec, options);
        }

        var path = $"{pinRoot.TrimEnd('/')}/{spec.Name}";
        if (PinTable.TryGet<BpfMap>(path, out var pinned))
        {
            if ((pinned!.Type, pinned.KeySize, pinned.ValueSize, pinned.MaxEntries) != (spec.Type, spec.KeySize, spec.ValueSize, spec.MaxEntries))
            {
                throw new DiagnosticException([new Diagnostic(DiagnosticCode.PinnedMapMismatch,
                    $"map '{spec.Name}' is pinned at {path} with another definition ({pinned})", new DiagnosticLocation())]);
            }

            return pinned;
        }

        var map = BpfMap.Create(spec, options);
        PinTable.Pin(path, map);
        return map;
    }

    /// <summary>The helper implementations under the numbers of <paramref name="program"/>'s platform, with its type's own on Windows.</summary>
    private static HelperTable HelpersOf(ProgramSpec program) =>
        program.Platform == AbiPlatform.Windows ? Helpers.Windows.WindowsHelpers.For((int)program.Type) : Helpers.Linux.LinuxHelpers.Table;

    private static LoadedProgram Prepare(ProgramSpec spec, IReadOnlyList<MapSpec> mapSpecs, IReadOnlyList<BpfMap> maps, HelperTable helpers, LoadOptions options, ImmutableArray<MemoryRegion> regions)
    {
        // LoadOptions.ProgramTypes names Linux types; a Windows program keeps the type its section gave it.
        var type = spec.Platform == AbiPlatform.Linux && options.ProgramTypes.TryGetValue(spec.Name, out var given) ? given : spec.Type;
        if (type == ProgramType.Unspecified && !options.ProgramTypes.ContainsKey(spec.Name))
        {
            throw new DiagnosticException([new Diagnostic(DiagnosticCode.UnknownProgramType,
                $"section '{spec.SectionName}' does not name a program type; give one in LoadOptions.ProgramTypes", new DiagnosticLocation(Program: spec.Name))]);
        }

        var relocated = ProgramRelocator.Relocate(spec, maps);
        if (!ProgramDecoder.TryDecode(relocated.AsSpan(), out var code, out var diagnostics))
        {
            throw new DiagnosticException([.. diagnostics.Select(d => d with { Location = d.Location with { Program = spec.Name } })]);
        }

        HelperCheck.Run(spec, type, code!, helpers, spec.Abi);
        CallbackCheck.Run(spec, code!);
        var engine = options.EffectiveEngine;
        var native = engine == EngineKind.Native ? NativeCode(spec, options.Native) : null;
        if (!options.AllowUnverified && native is null)
        {
            LoadVerification.Run(spec with { Type = type }, mapSpecs, spec.Abi);
        }

        var executable = native is not null ? native.Prepare(code!, helpers, options.EffectiveExecution)
            : Engines.Prepare(engine, code!, helpers, options.EffectiveExecution);
        return new LoadedProgram(spec with { Type = type }, code!, executable, regions) { IsVerified = !options.AllowUnverified };
    }

    /// <summary>
    /// The generated code of <paramref name="spec"/>, checked to have been generated from these very instructions by a
    /// verified compile, which is what lets the load skip the verifier.
    /// </summary>
    private static Native.NativeProgram NativeCode(ProgramSpec spec, Native.NativeObject? native)
    {
        DiagnosticException Missing(string why) => new([new Diagnostic(DiagnosticCode.NativeProgramMissing,
            $"program '{spec.Name}' has no native code: {why}", new DiagnosticLocation(Program: spec.Name))]);

        if (native is null)
        {
            throw Missing("the native engine runs code generated ahead of time, and no native object was given");
        }

        var generated = native.Spec.FindProgram(spec.Name);
        if (generated is null || !generated.Instructions.AsSpan().SequenceEqual(spec.Instructions.AsSpan()) || !native.IsVerified)
        {
            throw Missing(native.IsVerified ? "its instructions are not those the code was generated from" : "the object was generated unverified");
        }

        return native.FindProgram(spec.Name) ?? throw Missing("the generated object carries no code for it");
    }

    /// <inheritdoc />
    /// <remarks>Pinned maps survive until they are unpinned.</remarks>
    public void Dispose()
    {
        foreach (var map in Maps)
        {
            PinTable.Release(map);
        }
    }
}
