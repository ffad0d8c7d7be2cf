using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Loading;

/// <summary>How an object is loaded.</summary>
/// <param name="Engine">The engine that runs its programs.</param>
/// <param name="Execution">Execution options (checked mode, budget, frames).</param>
/// <param name="CpuCount">Slots of per-CPU maps: the most threads that run the programs at once.</param>
public sealed record LoadOptions(EngineKind Engine = EngineKind.Interpreter, ExecutionOptions? Execution = null, int CpuCount = 0)
{
    /// <summary>Programs to leave out, by name (libbpf's <c>bpf_program__set_autoload(false)</c>).</summary>
    public IReadOnlySet<string> SkipPrograms { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Map sizes to override before creation, by map name (libbpf's <c>bpf_map__set_max_entries</c>).</summary>
    public IReadOnlyDictionary<string, uint> MaxEntries { get; init; } = new Dictionary<string, uint>(StringComparer.Ordinal);

    /// <summary>Program types to use instead of what the section names say, by program name (libbpf's <c>bpf_program__set_type</c>).</summary>
    public IReadOnlyDictionary<string, Core.Abi.ProgramType> ProgramTypes { get; init; } = new Dictionary<string, Core.Abi.ProgramType>(StringComparer.Ordinal);

    /// <summary>The folder of the in-process pin namespace where maps pinned by name live.</summary>
    public string PinRoot { get; init; } = Objects.PinTable.DefaultRoot;

    /// <summary>The default: the interpreter, checked, one per-CPU slot per processor.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>Slots of per-CPU maps, resolved.</summary>
    public int EffectiveCpuCount => CpuCount > 0 ? CpuCount : Environment.ProcessorCount;
}
