namespace Ebpf.Runtime.Programs;

/// <summary>A run's environment that names the task a hook runs for (<see cref="CallerTask"/>), for the identity helpers.</summary>
internal interface ICallerEnvironment
{
    /// <summary>The calling task; null where there is none (a test run).</summary>
    CallerTask? Caller { get; }
}
