namespace Ebpf.Runtime.Execution;

/// <summary>The ways a program can be executed.</summary>
public enum EngineKind
{
    /// <summary>The reference interpreter: the specification every other engine is compared with.</summary>
    Interpreter,

    /// <summary>
    /// The JIT: eBPF compiled to IL (<c>DynamicMethod</c>) that RyuJIT turns into machine code. It runs programs
    /// unchecked, trusting the verifier: its loads and stores are plain native accesses.
    /// </summary>
    Jit,

    /// <summary>
    /// Ahead-of-time code: C# that <c>ebpf compile</c> generated from a verified object at build time, compiled into the
    /// host with it (<see cref="Native.NativeObject"/>). No code is generated at run time, so it runs where the JIT
    /// cannot (Native AOT, hosts that forbid dynamic code). Unchecked, as the JIT.
    /// </summary>
    Native,
}
