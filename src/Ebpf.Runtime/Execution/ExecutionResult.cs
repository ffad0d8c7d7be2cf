namespace Ebpf.Runtime.Execution;

/// <summary>The outcome of a run: r0 at exit, or the fault that stopped it.</summary>
/// <param name="ReturnValue">All 64 bits of r0 when the program exited; 0 after a fault.</param>
/// <param name="Fault">Why the run stopped, or null when the program exited.</param>
/// <param name="InstructionCount">Instructions executed.</param>
public readonly record struct ExecutionResult(ulong ReturnValue, ExecutionFault? Fault, long InstructionCount)
{
    /// <summary>True when the program reached its final exit.</summary>
    public bool Succeeded => Fault is null;
}
