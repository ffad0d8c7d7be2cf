namespace Ebpf.Runtime.Execution;

/// <summary>
/// One program bound to one request, to be run again and again: the hot entry of test runs (<c>repeat</c>) and of
/// packet loops, which run the same program on the same context memory many times. Everything that does not change
/// from one run to the next (arguments, regions, the stack, the run's state) is set up once, by
/// <see cref="IExecutable.Bind"/>, so a run is the program's own work and little else.
/// </summary>
/// <remarks>
/// Not thread-safe: one thread runs it at a time (each thread binds its own; they may share the program). The memory
/// the request names must outlive it. Results are those <see cref="IExecutable.Run"/> gives for the same request.
/// </remarks>
public abstract class BoundRun
{
    /// <summary>Runs the program once on the bound request.</summary>
    public abstract ExecutionResult Run();
}
