using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Compilation;
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
            EngineKind.Jit => JitProgram.Compile(program, helpers, options),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown engine."),
        };

    /// <summary>
    /// Whether <paramref name="engine"/> validates every memory access and register read (checked mode), so
    /// that it may run programs nothing verified. Unchecked engines run only programs proven safe.
    /// </summary>
    public static bool Checks(EngineKind engine) => engine == EngineKind.Interpreter;

    /// <summary>
    /// Whether a fault with <paramref name="code"/> is one only checked engines detect: a bad memory access,
    /// an unset register, a misaligned atomic. A program whose checked run stops with such a fault is unsafe to run
    /// unchecked; every other fault every engine reports alike (an exhausted instruction budget too: given a
    /// budget, compiled code counts instructions as the interpreter does).
    /// </summary>
    public static bool IsCheckedOnly(DiagnosticCode code) => code is DiagnosticCode.OutOfBoundsAccess
        or DiagnosticCode.ReadOnlyWrite or DiagnosticCode.UninitializedRegister or DiagnosticCode.MisalignedAtomic;
}
