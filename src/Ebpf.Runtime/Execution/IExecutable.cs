namespace Ebpf.Runtime.Execution;

/// <summary>A program prepared by an engine, ready to run any number of times, on any thread.</summary>
public interface IExecutable
{
    /// <summary>The engine that prepared it.</summary>
    EngineKind Engine { get; }

    /// <summary>Runs the program once.</summary>
    ExecutionResult Run(in ExecutionRequest request);

    /// <summary>
    /// Binds the program to a request that will be run many times from one thread (a test run's <c>repeat</c>, a
    /// packet loop), so that what every run of it shares is prepared once: see <see cref="BoundRun"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The request has more than five arguments.</exception>
    BoundRun Bind(in ExecutionRequest request) =>
        request.Arguments is { IsDefault: false, Length: > 5 }
            ? throw new ArgumentException("A program takes at most five arguments, r1 to r5.", nameof(request))
            : new RequestRun(this, request);
}
