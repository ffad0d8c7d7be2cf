using Ebpf.Core.Isa;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Interpretation;

namespace Ebpf.Runtime.Execution;

/// <summary>Prepares programs on the engine of the caller's choice.</summary>
public static class Engines
{
    /// <summary>Every engine this build offers.</summary>
    public static IReadOnlyList<EngineKind> Available { get; } = Enum.GetValues<EngineKind>();

    /// <summary>Prepares <paramref name="program"/> to run on <paramref name="engine"/>.</summary>
    public static IExecutable Prepare(EngineKind engine, DecodedProgram program, HelperTable helpers, ExecutionOptions? options = null) =>
        engine switch
        {
            EngineKind.Interpreter => new Interpreter(program, helpers, options),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown engine."),
        };
}
