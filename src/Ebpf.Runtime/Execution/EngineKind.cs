namespace Ebpf.Runtime.Execution;

/// <summary>The ways a program can be executed.</summary>
public enum EngineKind
{
    /// <summary>The reference interpreter: the specification every other engine is compared with.</summary>
    Interpreter,
}
