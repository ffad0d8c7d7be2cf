using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Loading;

/// <summary>How an object is loaded.</summary>
/// <param name="Engine">The engine that runs its programs: the JIT by default, since loading verifies them first.</param>
/// <param name="Execution">Execution options (checked mode, budget, frames).</param>
/// <param name="CpuCount">Slots of per-CPU maps: the most threads that run the programs at once.</param>
public sealed record LoadOptions(EngineKind Engine = EngineKind.Jit, ExecutionOptions? Execution = null, int CpuCount = 0)
{
    /// <summary>Programs to leave out, by name (libbpf's <c>bpf_program__set_autoload(false)</c>).</summary>
    public IReadOnlySet<string> SkipPrograms { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Map sizes to override before creation, by map name (libbpf's <c>bpf_map__set_max_entries</c>).</summary>
    public IReadOnlyDictionary<string, uint> MaxEntries { get; init; } = new Dictionary<string, uint>(StringComparer.Ordinal);

    /// <summary>Program types to use instead of what the section names say, by program name (libbpf's <c>bpf_program__set_type</c>).</summary>
    public IReadOnlyDictionary<string, Core.Abi.ProgramType> ProgramTypes { get; init; } = new Dictionary<string, Core.Abi.ProgramType>(StringComparer.Ordinal);

    /// <summary>
    /// Load programs without proving them safe first. Off by default: every program is verified and a
    /// rejection fails the load. When on, programs run in the checked interpreter whatever
    /// <see cref="LoadOptions.Engine"/> and <see cref="ExecutionOptions.Checked"/> say, because only its run-time
    /// checks then stand between a faulty program and the process's memory.
    /// </summary>
    public bool AllowUnverified { get; init; }

    /// <summary>
    /// The object's code generated ahead of time (<c>ebpf compile</c>): with <see cref="Engine"/> <see cref="EngineKind.Native"/>
    /// programs run it, and where the JIT cannot run (no dynamic code) the JIT falls back to it.
    /// </summary>
    public Native.NativeObject? Native { get; init; }

    /// <summary>
    /// The engine programs actually run on: the interpreter when <see cref="AllowUnverified"/> is set; where the JIT is
    /// asked for but dynamic code is not supported (<see cref="Engines.IsJitSupported"/>), the generated code when there
    /// is some, otherwise the interpreter.
    /// </summary>
    public EngineKind EffectiveEngine => AllowUnverified ? EngineKind.Interpreter
        : Engine == EngineKind.Jit && !Engines.IsJitSupported ? (Native is null ? EngineKind.Interpreter : EngineKind.Native)
        : Engine;

    /// <summary>
    /// The execution options programs actually run with: checked when <see cref="AllowUnverified"/> is set; unchecked on
    /// the JIT and native code for verified programs, whatever <see cref="ExecutionOptions.Checked"/> says, since the verifier has proven
    /// what the checks would test (helpers then trust their pointers, map lookups are inlined and frames are not zeroed:
    /// <see cref="ExecutionOptions.Verified"/>); on the interpreter, checked or not as given, and verified, so that it
    /// does not zero frames either.
    /// </summary>
    public ExecutionOptions? EffectiveExecution => AllowUnverified ? (Execution ?? ExecutionOptions.Default) with { Checked = true, Verified = false }
        : EffectiveEngine is EngineKind.Jit or EngineKind.Native ? (Execution ?? ExecutionOptions.Default) with { Checked = false, Verified = true }
        : (Execution ?? ExecutionOptions.Default) with { Verified = true };

    /// <summary>Where array and per-CPU array elements live (<see cref="Maps.MapOptions.Storage"/>): process memory by default.</summary>
    public Maps.MapStorage MapStorage { get; init; } = Maps.MapStorage.Memory;

    /// <summary>The folder of the in-process pin namespace where maps pinned by name live.</summary>
    public string PinRoot { get; init; } = Objects.PinTable.DefaultRoot;

    /// <summary>The default: programs verified, then run by the JIT, one per-CPU slot per processor.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>Slots of per-CPU maps, resolved.</summary>
    public int EffectiveCpuCount => CpuCount > 0 ? CpuCount : Environment.ProcessorCount;
}
