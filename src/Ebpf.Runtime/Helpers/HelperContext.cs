using System.Collections.Immutable;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Helpers;

/// <summary>What a helper may know and do about the run that called it. One per run; not shared between threads.</summary>
public sealed class HelperContext
{
    internal HelperContext(bool isChecked, ImmutableArray<MemoryRegion> regions, object? environment)
    {
        IsChecked = isChecked;
        Regions = regions;
        Environment = environment;
    }

    /// <summary>What the program type's helpers act on (an <c>XdpFrame</c> for XDP), from the run's request.</summary>
    public object? Environment { get; private set; }

    /// <summary>True when the run validates memory accesses; helpers then validate pointer arguments too.</summary>
    public bool IsChecked { get; private set; }

    /// <summary>The memory the run was given, besides its stack.</summary>
    public ImmutableArray<MemoryRegion> Regions { get; private set; }

    /// <summary>Set by <see cref="RequestExit"/>: the program ends after this call, with the helper's result in r0.</summary>
    public bool ExitRequested { get; private set; }

    /// <summary>Set by <see cref="Fail"/>: why the helper refused to continue.</summary>
    public string? FailureMessage { get; private set; }

    /// <summary>The caller's stack window at the time of the call (its frame and its callers').</summary>
    public MemoryRegion Stack { get; internal set; }

    /// <summary>
    /// Whether the program may access <paramref name="size"/> bytes at <paramref name="address"/>: always
    /// true in unchecked runs (the verifier vouched for the program), otherwise the stack or a region.
    /// </summary>
    public bool CanAccess(ulong address, int size, bool write)
    {
        if (!IsChecked || size == 0 || Stack.Contains(address, size))
        {
            return true;
        }

        foreach (var region in Regions)
        {
            if (region.Contains(address, size))
            {
                return !write || region.Writable;
            }
        }

        return false;
    }

    /// <summary>
    /// Bytes the program may read from <paramref name="address"/> to the end of the stack or region holding it, or 0
    /// when it lies in neither, checked or not: for pointers the verifier cannot vouch for, such as the string of
    /// <c>bpf_trace_printk</c>'s <c>%s</c>, which a helper must never follow into unknown memory.
    /// </summary>
    public ulong ReadableLength(ulong address)
    {
        if (Stack.Contains(address, 1))
        {
            return Stack.Start + Stack.Length - address;
        }

        foreach (var region in Regions)
        {
            if (region.Contains(address, 1))
            {
                return region.Start + region.Length - address;
            }
        }

        return 0;
    }

    /// <summary>Fails the run unless the program may access the memory; returns whether it may.</summary>
    public bool Require(ulong address, int size, bool write, string argument)
    {
        if (CanAccess(address, size, write))
        {
            return true;
        }

        return Fault(address, (ulong)size, write, argument);
    }

    /// <summary>The engine that runs callbacks for this run.</summary>
    public ICallbackHost? Host { get; internal set; }

    /// <summary>
    /// Points a context at another run, so an engine can keep one per thread instead of allocating one per run.
    /// Helpers keep nothing in the context between calls, so nothing else carries over.
    /// </summary>
    internal void Rebind(bool isChecked, ImmutableArray<MemoryRegion> regions, object? environment)
    {
        IsChecked = isChecked;
        Regions = regions;
        Environment = environment;
        Reset();
    }

    /// <summary>Set by <see cref="RequestTailCall"/>: the program to continue with instead of returning.</summary>
    public object? TailCallTarget { get; private set; }

    /// <summary>Calls the program's function at <paramref name="function"/> (a code address the program passed) and returns its r0.</summary>
    public ulong Invoke(ulong function, ReadOnlySpan<ulong> arguments, MemoryRegion? lent = null)
    {
        if (Host is null)
        {
            Fail("this engine cannot call back into the program");
            return 0;
        }

        return Host.Invoke(this, function, arguments, lent);
    }

    /// <summary>Asks the engine to replace the running program with <paramref name="program"/> (its prepared form) once the helper returns, as <c>bpf_tail_call</c>.</summary>
    public void RequestTailCall(object program) => TailCallTarget = program;

    /// <summary>
    /// <see cref="Require(ulong, int, bool, string)"/> for a size the program chose at run time: sizes past
    /// <see cref="int.MaxValue"/> cover no program memory, so checked runs fail on them.
    /// </summary>
    public bool Require(ulong address, ulong size, bool write, string argument) =>
        size <= int.MaxValue ? Require(address, (int)size, write, argument) : !IsChecked || Fault(address, size, write, argument);

    /// <summary>Ends the program after the current call returns, with the helper's result as its return value.</summary>
    public void RequestExit() => ExitRequested = true;

    /// <summary>Stops the run with a fault: for misuse that no errno can express, such as a wild pointer.</summary>
    public void Fail(string message) => FailureMessage = message;

    private bool Fault(ulong address, ulong size, bool write, string argument)
    {
        Fail($"{argument} points to {size} bytes at 0x{address:x} that the program may not {(write ? "write" : "read")}");
        return false;
    }

    internal void Reset()
    {
        ExitRequested = false;
        FailureMessage = null;
        TailCallTarget = null;
    }
}
