namespace Ebpf.Runtime.Maps;

/// <summary>
/// The "CPU" the current thread runs programs as: the slot per-CPU maps hand to it. Whoever runs
/// programs on worker threads sets it once per thread, each worker with its own number below
/// <see cref="MapOptions.CpuCount"/>, as each kernel CPU has its own <c>smp_processor_id()</c>.
/// </summary>
/// <remarks>
/// Two threads with the same number share per-CPU slots and may race on them; the kernel never runs two
/// programs on one CPU at once. Numbers at or above a map's CPU count wrap around (modulo the count).
/// </remarks>
public static class ExecutionCpu
{
    [ThreadStatic]
    private static int _current;

    /// <summary>The current thread's CPU number (0 unless set).</summary>
    public static int Current
    {
        get => _current;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _current = value;
        }
    }

    /// <summary>Sets the current thread's CPU number until the returned scope is disposed.</summary>
    public static Scope Enter(int cpu)
    {
        var previous = Current;
        Current = cpu;
        return new Scope(previous);
    }

    /// <summary>Restores the previous CPU number when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly int _previous;

        internal Scope(int previous) => _previous = previous;

        /// <inheritdoc />
        public void Dispose() => _current = _previous;
    }
}
