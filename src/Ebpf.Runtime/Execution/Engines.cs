using System.Runtime.CompilerServices;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Compilation;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Interpretation;

namespace Ebpf.Runtime.Execution;

/// <summary>Prepares programs on the engine of the caller's choice.</summary>
public static class Engines
{
    /// <summary>
    /// The engines that prepare any decoded program: the interpreter and the JIT. <see cref="EngineKind.Native"/> is not
    /// among them, since it runs only code generated ahead of time for one object (<see cref="Native.NativeObject"/>).
    /// </summary>
    public static IReadOnlyList<EngineKind> Available { get; } = [EngineKind.Interpreter, EngineKind.Jit];

    /// <summary>
    /// Whether the JIT can run here: it emits IL at run time, which Native AOT and hosts that forbid dynamic code do
    /// not allow (<see cref="RuntimeFeature.IsDynamicCodeSupported"/>).
    /// </summary>
    public static bool IsJitSupported => RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Prepares <paramref name="program"/> to run on <paramref name="engine"/>.</summary>
    /// <exception cref="DiagnosticException">The JIT was asked for where dynamic code is not supported (EBPF2201).</exception>
    /// <exception cref="ArgumentException"><see cref="EngineKind.Native"/>: native code comes from a <see cref="Native.NativeObject"/>, not from instructions.</exception>
    public static IExecutable Prepare(EngineKind engine, DecodedProgram program, HelperTable helpers, ExecutionOptions? options = null) =>
        engine switch
        {
            EngineKind.Interpreter => new Interpreter(program, helpers, options),
            EngineKind.Jit when RuntimeFeature.IsDynamicCodeSupported => JitProgram.Compile(program, helpers, options),
            EngineKind.Jit => throw JitUnavailable(),
            EngineKind.Native => throw new ArgumentException("Native code is generated ahead of time (ebpf compile) and loaded as a NativeObject; it cannot be prepared from instructions.", nameof(engine)),
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

    /// <summary>The refusal of the JIT where dynamic code is not supported.</summary>
    internal static DiagnosticException JitUnavailable() => new([new Diagnostic(DiagnosticCode.JitUnavailable,
        "the JIT emits code at run time, which this process does not support (Native AOT or dynamic code disabled); "
        + "load code generated ahead of time with 'ebpf compile', or use the interpreter", new DiagnosticLocation())]);
}
