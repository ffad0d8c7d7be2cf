namespace Ebpf.Runtime.Maps;

/// <summary>How live maps are created.</summary>
/// <param name="CpuCount">
/// Per-CPU slots of per-CPU maps: the number of worker threads that run programs, each with its own
/// <see cref="ExecutionCpu.Current"/>. User-side values of per-CPU maps hold this many values.
/// </param>
public sealed record MapOptions(int CpuCount)
{
    /// <summary>The most per-CPU slots a map may have.</summary>
    public const int MaxCpuCount = 4096;

    /// <summary>One slot per processor of the machine.</summary>
    public MapOptions()
        : this(Environment.ProcessorCount)
    {
    }

    /// <summary>One slot per processor, and the default memory limit.</summary>
    public static MapOptions Default { get; } = new();

    /// <summary>
    /// Most bytes of native memory one map may allocate (default 4 GiB); larger maps are refused with
    /// <see cref="Core.Diagnostics.DiagnosticCode.MapTooLarge"/> instead of exhausting the process, where Linux would answer <c>ENOMEM</c>.
    /// </summary>
    public long MemoryLimit { get; init; } = 4L << 30;

    /// <summary>Where array and per-CPU array elements live: process memory by default, or files mapped shared (<see cref="FileMappedMapStorage"/>).</summary>
    public MapStorage Storage { get; init; } = MapStorage.Memory;

    /// <summary>Throws when an option is out of range; called where options enter the runtime.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(CpuCount, 1, nameof(CpuCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CpuCount, MaxCpuCount, nameof(CpuCount));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MemoryLimit, nameof(MemoryLimit));
    }
}
