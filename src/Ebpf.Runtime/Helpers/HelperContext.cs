using System.Collections.Immutable;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Helpers;

/// <summary>What a helper may know and do about the run that called it. One per run; not shared between threads.</summary>
public sealed class HelperContext
{
    internal HelperContext(bool isChecked, ImmutableArray<MemoryRegion> regions)
    {
        IsChecked = isChecked;
        Regions = regions;
    }

    /// <summary>True when the run validates memory accesses; helpers then validate pointer arguments too.</summary>
    public bool IsChecked { get; }

    /// <summary>The memory the run was given, besides its stack.</summary>
    public ImmutableArray<MemoryRegion> Regions { get; }

    /// <summary>Set by <see cref="RequestExit"/>: the program ends after this call, with the helper's result in r0.</summary>
    public bool ExitRequested { get; private set; }

    /// <summary>Set by <see cref="Fail"/>: why the helper refused to continue.</summary>
    public string? FailureMessage { get; private set; }

    /// <summary>Ends the program after the current call returns, with the helper's result as its return value.</summary>
    public void RequestExit() => ExitRequested = true;

    /// <summary>Stops the run with a fault: for misuse that no errno can express, such as a wild pointer.</summary>
    public void Fail(string message) => FailureMessage = message;

    internal void Reset()
    {
        ExitRequested = false;
        FailureMessage = null;
    }
}
