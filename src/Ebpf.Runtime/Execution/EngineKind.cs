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
}
