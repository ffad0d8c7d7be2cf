namespace Ebpf.Runtime.Execution;

/// <summary>A program prepared by an engine, ready to run any number of times, on any thread.</summary>
public interface IExecutable
{
    /// <summary>The engine that prepared it.</summary>
    EngineKind Engine { get; }

    /// <summary>Runs the program once.</summary>
    ExecutionResult Run(in ExecutionRequest request);
}
